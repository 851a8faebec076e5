// What the browser scripts share (run.mjs, coordinators.mjs): a tiny runner whose flows stop
// at their first failure while page checks collect every problem; waiting for text, addresses
// and headings; and the per-page check — axe-core (WCAG 2.1 A and AA) at desktop and phone
// width, no sideways scroll at 375 px, console errors, screenshots at both widths.

import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const NARROWEST = 375;
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const TIMEOUT = 10_000;

const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

// ---- a tiny runner: flows stop at their first failure; page checks collect every problem ----

/** What a run found: steps passed and failed, problems from the page checks, pages checked. */
export const results = { passed: 0, failed: 0, problems: [], pagesChecked: [] };
const { problems, pagesChecked } = results;

let screenshotDir = path.resolve(here, '../../target/screenshots');
let screenshotPrefix = '';
/** Where checkPage puts its pictures, and a prefix for their names (one script's own). */
export function configure({ dir, prefix = '' }) {
  screenshotDir = dir;
  screenshotPrefix = prefix;
}

export function log(line) {
  process.stdout.write(`${line}\n`);
}

export class Abort extends Error {}

export async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.passed += 1;
    log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.failed += 1;
    log(`not ok - ${name}\n    ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}`);
    throw new Abort(name);
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits (up to TIMEOUT) until the first match is visible and contains `expected`. */
export async function expectText(locator, expected) {
  const first = locator.first();
  await first.waitFor({ state: 'visible', timeout: TIMEOUT });
  const matches = (text) => (expected instanceof RegExp ? expected.test(text) : text.includes(expected));
  const deadline = Date.now() + TIMEOUT;
  let text = '';
  for (;;) {
    text = (await first.innerText()).trim();
    if (matches(text) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert(matches(text), `expected ${expected} in "${text}"`);
}

export async function expectUrl(page, pathAndQuery) {
  await page.waitForURL((url) => url.pathname + url.search === pathAndQuery, { timeout: TIMEOUT });
}

/** Waits until the router has rendered a page whose <h1> matches. */
export async function heading(page, expected) {
  const h1 = page.locator('main h1');
  await page.waitForFunction(() => !document.querySelector('main')?.hasAttribute('aria-busy'), null, { timeout: TIMEOUT });
  await expectText(h1, expected);
}

export async function focusedIsHeading(page) {
  const tag = await page.evaluate(() => document.activeElement?.tagName);
  assert(tag === 'H1', `focus should be on the page heading after navigation, was on ${tag}`);
}

// ---- per-page checks --------------------------------------------------------------------

export function watchConsole(page, label) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${label}: console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${label}: script error: ${err.message}`));
}

export async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Evaluated through the DevTools protocol, which the page's CSP does not govern: the page
  // itself keeps its strict policy during the test.
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
    }));
  }, WCAG_TAGS);
}

export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * axe-core at desktop and phone width, no horizontal scroll at 375 px, screenshots at both
 * widths. Problems are collected (the flow goes on) and fail the run at the end.
 */
export async function checkPage(page, name) {
  const original = page.viewportSize();
  const found = [];
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const violations = await runAxe(page);
    for (const v of violations) {
      found.push(`${name} (${label}): axe ${v.id} [${v.impact}] ${v.help}\n        ${v.nodes.join('\n        ')}`);
    }
    await page.screenshot({ path: path.join(screenshotDir, `${screenshotPrefix}${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: NARROWEST, height: PHONE.height });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const overflow = await horizontalOverflow(page);
  if (overflow > 0) found.push(`${name}: scrolls sideways by ${overflow} px at ${NARROWEST} px width`);
  await page.setViewportSize(original);
  problems.push(...found);
  pagesChecked.push(name);
  log(`   checked ${name}: ${found.length === 0 ? '0 axe violations, no sideways scroll' : `${found.length} problem(s)`}`);
}

/** Prints the page checks' verdict (counted as one step) and returns the exit code. */
export function summarise(label) {
  if (problems.length > 0) {
    results.failed += 1;
    log(`not ok - page checks found ${problems.length} problem(s):`);
    for (const p of problems) log(`    ${p}`);
  } else {
    results.passed += 1;
    log(`ok - ${pagesChecked.length} pages checked with axe-core (${WCAG_TAGS.join(', ')}): 0 violations, no console errors, no sideways scroll at ${NARROWEST} px`);
  }
  return () => {
    log(`# ${label}: ${results.passed} passed, ${results.failed} failed`);
    return results.failed > 0 ? 1 : 0;
  };
}
