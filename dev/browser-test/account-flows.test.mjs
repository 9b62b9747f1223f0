// The flows a person takes in a browser before and around their first sign-in: creating a
// workspace on tenant-api's signup page and signing into the console with it; and accepting an
// invitation (made by that owner through the API) and signing in as the new member.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const consoleUrl = process.env.PB_CONSOLE_URL ?? 'http://127.0.0.1:8080';
const tenantApi = process.env.PB_TENANT_API_URL ?? 'http://127.0.0.1:8081';
const PASSWORD = 'a long and unusual password';

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

async function signIntoConsole(page, email, password) {
  await page.goto(consoleUrl);
  await page.waitForSelector('input[name="username"]', { timeout: 30_000 });
  await page.fill('input[name="username"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.toString().startsWith(consoleUrl), { timeout: 30_000 });
  await page.locator('pb-live-chart').waitFor({ timeout: 30_000 });
}

/** What pulseboard-cli does: authorization code with PKCE through the sign-in form, outside a browser. */
async function accessToken(email, password) {
  const cookies = new Map();
  const call = async (path, init = {}) => {
    const response = await fetch(new URL(path, tenantApi), {
      ...init, redirect: 'manual', headers: { ...init.headers, Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirect = 'http://127.0.0.1:53682/callback';
  await call(`/oauth2/authorize?response_type=code&client_id=pulseboard-cli&redirect_uri=${encodeURIComponent(redirect)}`
    + `&scope=openid%20metrics:read&state=s&code_challenge=${challenge}&code_challenge_method=S256`);
  const csrf = (await (await call('/login')).text()).match(/name="_csrf"[^>]*value="([^"]+)"/)[1];
  const signedIn = await call('/login', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: email, password, _csrf: csrf }),
  });
  const authorized = await call(signedIn.headers.get('location'));
  const code = new URL(authorized.headers.get('location')).searchParams.get('code');
  const tokens = await (await call('/oauth2/token', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'pulseboard-cli', code, redirect_uri: redirect, code_verifier: verifier }),
  })).json();
  return tokens.access_token;
}

test('a person creates a workspace, signs into the console, and invites a member who accepts and signs in', { timeout: 180_000 }, async () => {
  const browser = await launch();
  try {
    const ownerEmail = `owner-${randomUUID()}@example.com`;
    const owner = await browser.newPage();
    await owner.goto(`${tenantApi}/signup`);
    await owner.fill('input[name="tenantName"]', 'Browser Co');
    await owner.fill('input[name="email"]', ownerEmail);
    await owner.fill('input[name="password"]', 'password1234');
    await owner.click('button[type="submit"]');
    await owner.locator('.error').waitFor({ state: 'visible' });
    assert.match(await owner.locator('.error').textContent(), /password/i, 'a common password is refused with a readable reason');
    await owner.fill('input[name="password"]', PASSWORD);
    await owner.click('button[type="submit"]');
    await owner.locator('.done').waitFor({ state: 'visible' });
    await owner.click('a.continue');
    await signIntoConsole(owner, ownerEmail, PASSWORD);

    const token = await accessToken(ownerEmail, PASSWORD);
    const memberEmail = `member-${randomUUID()}@example.com`;
    const invited = await fetch(new URL('/v1/invites', tenantApi), {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: memberEmail, role: 'MEMBER' }),
    });
    assert.equal(invited.status, 201);
    const invitation = await invited.json();

    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await member.goto(`${tenantApi}/invite#token=${invitation.token}`);
    await member.fill('input[name="password"]', PASSWORD);
    await member.click('button[type="submit"]');
    await member.locator('.done').waitFor({ state: 'visible' });
    await member.click('a.continue');
    await signIntoConsole(member, memberEmail, PASSWORD);

    const again = await browser.newContext();
    const replay = await again.newPage();
    await replay.goto(`${tenantApi}/invite#token=${invitation.token}`);
    await replay.fill('input[name="password"]', PASSWORD);
    await replay.click('button[type="submit"]');
    await replay.locator('.error').waitFor({ state: 'visible' });
    assert.match(await replay.locator('.error').textContent(), /used|expired|does not exist/, 'an invitation works once');
    console.log(`signed up ${ownerEmail}, invited and signed in ${memberEmail}`);
  } finally {
    await browser.close();
  }
});
