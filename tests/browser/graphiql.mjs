// GraphiQL in real Chromium: the page served by GET /graphql loads from our own origin
// under its CSP (no violation, no script error), runs a query against the server and shows
// the answer. Started by tests/api/browser.rs with BASE_URL, CHROMIUM_PATH, SCREENSHOT_DIR.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const { BASE_URL, CHROMIUM_PATH, SCREENSHOT_DIR } = process.env;
const profileDir = await mkdtemp(path.join(tmpdir(), 'samsyn-graphiql-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const requests = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const resp = await page.goto(`${BASE_URL}/graphql`, { waitUntil: 'load' });
  const csp = resp.headers()['content-security-policy'] || '';
  if (!csp.includes("object-src 'none'") || !csp.includes("base-uri 'none'")) problems.push(`CSP: ${csp}`);
  await page.locator('.graphiql-container').waitFor({ timeout: 20000 });
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction(
    () => document.querySelector('.result-window')?.innerText.includes('"data"'), null, { timeout: 20000 });
  if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'graphiql.png') });
  const foreign = requests.filter((u) => !u.startsWith(BASE_URL) && !u.startsWith('data:'));
  if (foreign.length) problems.push(`requests to other origins: ${foreign.join(', ')}`);
} finally {
  await browser.close();
  await rm(profileDir, { recursive: true, force: true });
}
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log(`GraphiQL ran a query in Chromium: ${requests.length} requests, all to ${BASE_URL}`);
