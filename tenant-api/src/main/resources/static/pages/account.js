// Sends the page's form as JSON to its endpoint and shows the result; errors are RFC 9457
// problems, whose detail is written for people. The invitation token arrives in the URL
// fragment, which browsers never send to a server or put in a Referer.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-endpoint]');
  const tokenField = form.querySelector('input[name="token"]');
  if (tokenField) {
    tokenField.value = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('.error');
    error.hidden = true;
    const body = Object.fromEntries(new FormData(form).entries());
    const response = await fetch(form.dataset.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      form.hidden = true;
      document.querySelector('.done').hidden = false;
      return;
    }
    const problem = await response.json().catch(() => ({}));
    error.textContent = problem.detail ?? `Something went wrong (${response.status}).`;
    error.hidden = false;
  });
});
