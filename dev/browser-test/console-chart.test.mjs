// Signs into the console as the demo user, through tenant-api's sign-in form, and checks that
// the live chart really draws: windows arrive over STOMP and the p50/p99 lines are on the canvas,
// and that the chart can get a fresh token from the console for its next reconnect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const env = Object.fromEntries(
  readFileSync(process.env.PB_ENV_FILE, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const consoleUrl = process.env.PB_CONSOLE_URL ?? 'http://127.0.0.1:8080';
const screenshot = process.env.PB_SCREENSHOT ?? 'console-chart.png';

// The chart's series colours (pb-live-chart.ts): p50 blue, p99 orange.
const SERIES = { p50: [0x16, 0x76, 0xf3], p99: [0xe8, 0x59, 0x0c] };

test('the demo user signs in and sees the live latency chart draw', { timeout: 120_000 }, async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(consoleUrl);
    // Not signed in: the console sends us to tenant-api's sign-in form.
    await page.waitForSelector('input[name="username"]', { timeout: 30_000 });
    assert.ok(await page.locator('input[name="_csrf"]').count() >= 1, 'the sign-in form carries a CSRF token');
    await page.fill('input[name="username"]', env.PB_CONSOLE_USER);
    await page.fill('input[name="password"]', env.PB_CONSOLE_PASSWORD);
    await page.click('button[type="submit"]');

    await page.waitForURL((url) => url.toString().startsWith(consoleUrl), { timeout: 30_000 });
    const chart = page.locator('pb-live-chart');
    await chart.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => Number(document.querySelector('pb-live-chart')?.getAttribute('data-windows') ?? 0) >= 5,
      null, { timeout: 45_000 });
    assert.equal(await chart.getAttribute('data-error'), null, 'no STOMP error');

    // What the chart presents when it reconnects: a token fetched from the console server then.
    const fresh = await page.evaluate(() => document.querySelector('pb-live-chart').$server.freshAccessToken());
    const claims = JSON.parse(Buffer.from(fresh.split('.')[1], 'base64url').toString());
    assert.equal(claims.tenant_id, env.PB_TENANT_ID, 'the refreshed token is the demo tenant\'s');
    assert.ok(claims.exp * 1000 > Date.now() + 60_000, 'the refreshed token is not about to expire');

    const colourCounts = await page.evaluate((series) => {
      const canvas = document.querySelector('pb-live-chart canvas');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const counts = Object.fromEntries(Object.keys(series).map((name) => [name, 0]));
      for (let i = 0; i < data.length; i += 4) {
        for (const [name, [r, g, b]] of Object.entries(series)) {
          if (Math.abs(data[i] - r) < 40 && Math.abs(data[i + 1] - g) < 40 && Math.abs(data[i + 2] - b) < 40 && data[i + 3] > 100) {
            counts[name] += 1;
          }
        }
      }
      return counts;
    }, SERIES);
    await page.screenshot({ path: screenshot, fullPage: true });
    for (const [name, pixels] of Object.entries(colourCounts)) {
      assert.ok(pixels > 100, `the ${name} line is drawn (${pixels} pixels of its colour)`);
    }
    console.log(`chart drew ${await chart.getAttribute('data-windows')} windows; pixels per series ${JSON.stringify(colourCounts)}; screenshot ${screenshot}`);
  } finally {
    await browser.close();
  }
});
