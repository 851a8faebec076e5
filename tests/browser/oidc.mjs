// Signing in with the municipality's own login, in Debian's Chromium: an admin sets up
// Eksjö kommun's provider in the UI, an inspector presses "Logga in med Eksjö kommun",
// signs in at the provider (oidc-provider from tests/oidc, started by tests/api/oidc_browser.rs)
// and lands on the start page; sign-out offers the provider's own; a tampered callback
// shows the Swedish error page. Every Samsyn page on the way is checked with axe-core at
// desktop and phone width and for sideways scrolling at 375 px. Exits non-zero on failure.
//
//   BASE_URL ADMIN_EMAIL ADMIN_PASSWORD ISSUER CLIENT_ID CLIENT_SECRET CHROMIUM_PATH SCREENSHOT_DIR

import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`${name} must be set`);
    process.exit(2);
  }
  return v;
};
const BASE_URL = env('BASE_URL').replace(/\/$/, '');
const [ADMIN_EMAIL, ADMIN_PASSWORD, ISSUER, CLIENT_ID, CLIENT_SECRET] = ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'ISSUER', 'CLIENT_ID', 'CLIENT_SECRET'].map(env);
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? 'screenshots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SIZES = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]];
const TIMEOUT = 10_000;
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let passed = 0;
let failed = 0;
const problems = [];
const log = (line) => process.stdout.write(`${line}\n`);

async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed += 1;
    log(`not ok - ${name}\n    ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`);
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function heading(page, expected) {
  await page.waitForFunction(() => !document.querySelector('main')?.hasAttribute('aria-busy'), null, { timeout: TIMEOUT });
  const h1 = page.locator('main h1').first();
  await h1.waitFor({ state: 'visible', timeout: TIMEOUT });
  const deadline = Date.now() + TIMEOUT;
  let text = '';
  while (Date.now() < deadline) {
    text = (await h1.innerText()).trim();
    if (text.includes(expected)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected heading "${expected}", got "${text}"`);
}

/** axe-core at both widths (the page keeps its CSP: axe goes in through DevTools), no sideways scroll. */
async function checkPage(page, name) {
  const original = page.viewportSize();
  for (const [label, size] of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
    const violations = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }, WCAG_TAGS);
    for (const v of violations) problems.push(`${name} (${label}): axe ${v}`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `oidc-${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 375, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`${name}: scrolls sideways by ${overflow} px at 375 px`);
  await page.setViewportSize(original);
  log(`   checked ${name}`);
}

function watchConsole(page, label) {
  page.on('console', (msg) => {
    // The provider's own pages are not ours to judge.
    // The error page is itself answered with 400/403/502: Chromium reports that status.
    const errorPage = page.url().startsWith(`${BASE_URL}/auth/oidc/`) && msg.text().startsWith('Failed to load resource');
    if (msg.type() === 'error' && page.url().startsWith(BASE_URL) && !errorPage) problems.push(`${label}: console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${label}: script error: ${err.message}`));
}

await mkdir(SCREENSHOT_DIR, { recursive: true });
const profileDir = await mkdtemp(path.join(tmpdir(), 'samsyn-chromium-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: profileDir, XDG_CACHE_HOME: profileDir },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
log(`# Chromium ${browser.version()}: ${BASE_URL} with the provider ${ISSUER}`);

try {
  const context = await browser.newContext({ viewport: SIZES[0][1], locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  watchConsole(page, 'oidc');

  await step('admin sets up Eksjö kommun\'s provider in the UI', async () => {
    await page.goto(`${BASE_URL}/logga-in`);
    await heading(page, 'Logga in');
    await page.getByLabel('E-postadress').fill(ADMIN_EMAIL);
    await page.getByLabel('Lösenord').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await heading(page, 'Välkommen');
    await page.goto(`${BASE_URL}/admin/inloggning`);
    await heading(page, 'Inloggning');
    await checkPage(page, 'admin-inloggning-tom');
    await page.getByRole('link', { name: 'Lägg till inloggning för en organisation' }).click();
    await heading(page, 'Ny inloggning');
    await checkPage(page, 'admin-inloggning-ny');
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Eksjö kommun' });
    await page.getByLabel('Utfärdare (issuer)').fill(ISSUER);
    await page.getByLabel('Klient-id (program-id)').fill(CLIENT_ID);
    await page.getByLabel('Klienthemlighet', { exact: true }).fill(CLIENT_SECRET);
    await page.getByLabel('E-postdomäner').fill('eksjo.se');
    await page.getByRole('button', { name: 'Lägg till' }).click();
    await heading(page, 'Inloggning');
    await page.getByRole('cell', { name: 'eksjo.se' }).waitFor({ timeout: TIMEOUT });
    await checkPage(page, 'admin-inloggning');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await heading(page, 'Logga in');
  });

  await step('an inspector signs in with Eksjö kommun and lands on the start page', async () => {
    await checkPage(page, 'logga-in-med-knapp');
    await page.getByRole('link', { name: 'Logga in med Eksjö kommun' }).click();
    await page.waitForURL((u) => u.href.startsWith(ISSUER), { timeout: TIMEOUT });
    await page.locator('input[name=login]').fill('anna');
    await page.locator('input[name=password]').fill('vad-som-helst');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.href === `${BASE_URL}/`, { timeout: TIMEOUT });
    await heading(page, 'Välkommen, Anna Lind');
    const me = (await page.locator('.site-account__me').innerText()).trim();
    assert(me.includes('Anna Lind'), `the header shows Anna Lind, not "${me}"`);
    await checkPage(page, 'start-efter-oidc');
  });

  await step('signing out offers Eksjö kommun\'s sign-out, which comes back to Samsyn', async () => {
    const menu = page.getByRole('button', { name: 'Meny' });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await heading(page, 'Du är utloggad från Samsyn');
    const link = page.getByRole('link', { name: 'Logga ut från Eksjö kommun också' });
    await link.waitFor({ timeout: TIMEOUT });
    await checkPage(page, 'utloggad');
    await link.click();
    await page.waitForURL((u) => u.href.startsWith(ISSUER), { timeout: TIMEOUT });
    // oidc-provider asks "Do you want to sign-out?": yes.
    await page.locator('button[autofocus], button[type=submit]').first().click();
    await page.waitForURL((u) => u.href.startsWith(`${BASE_URL}/utloggad`), { timeout: TIMEOUT });
    await heading(page, 'Du är utloggad från Samsyn');
    const me = await page.evaluate(async () => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });
      return (await r.json()).data.me;
    });
    assert(me === null, 'no Samsyn session after signing out');
  });

  await step('a tampered callback is refused with a Swedish page and no session', async () => {
    await page.goto(`${BASE_URL}/logga-in`);
    await heading(page, 'Logga in');
    // The provider's answer is changed on its way back: another state. (Playwright routes
    // only the first request of a redirect chain, so the login form's POST is taken over and
    // its redirects followed here, with the browser's cookies.)
    const isLogin = (u) => u.href.startsWith(`${ISSUER}/interaction/`);
    await page.route(isLogin, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      let response = await route.fetch({ maxRedirects: 0 });
      let location = new URL(response.headers().location, ISSUER);
      while (location.href.startsWith(ISSUER)) {
        response = await page.request.get(location.href, { maxRedirects: 0 });
        location = new URL(response.headers().location, ISSUER);
      }
      location.searchParams.set('state', `${location.searchParams.get('state')}x`);
      return route.fulfill({ status: 303, headers: { location: location.href } });
    });
    await page.getByRole('link', { name: 'Logga in med Eksjö kommun' }).click();
    await page.waitForURL((u) => u.href.startsWith(ISSUER), { timeout: TIMEOUT });
    await page.locator('input[name=login]').fill('anna');
    await page.locator('input[name=password]').fill('vad-som-helst');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.href.startsWith(`${BASE_URL}/auth/oidc/callback`), { timeout: TIMEOUT });
    await page.unroute(isLogin);
    await page.locator('h1', { hasText: 'Inloggningen kunde inte slutföras' }).waitFor({ timeout: TIMEOUT });
    const text = await page.locator('[data-fault]').innerText();
    assert(text.includes('Gå tillbaka till inloggningssidan'), `the page says what to do: ${text}`);
    await checkPage(page, 'fel-manipulerat-svar');
    const me = await page.evaluate(async () => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });
      return (await r.json()).data.me;
    });
    assert(me === null, 'no session after a tampered callback');
    await page.getByRole('link', { name: 'Till inloggningssidan' }).click();
    await heading(page, 'Logga in');
  });
} catch {
  // Reported by its step.
} finally {
  await browser.close();
  await rm(profileDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  failed += 1;
  log(`not ok - page checks found ${problems.length} problem(s):`);
  for (const p of problems) log(`    ${p}`);
} else {
  passed += 1;
  log('ok - every Samsyn page on the way: 0 axe violations, no console errors, no sideways scroll at 375 px');
}
log(`# oidc browser: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
