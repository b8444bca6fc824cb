// Shared helpers for the browser tests: launching Debian's Chromium through
// playwright-core, running axe-core, saving screenshots.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const BASE = process.env.PALVELUHAKU_BASE_URL;
if (!BASE) throw new Error('PALVELUHAKU_BASE_URL is not set: run the tests through tests/browser/run.sh');
export const SCREENSHOTS = path.join(here, '..', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A new context; js=false turns JavaScript off (the no-JS path).
export async function newPage(browser, { js = true, width = 1280, height = 900, ...rest } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width, height }, ...rest });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.jsErrors = errors;
  return page;
}

// Runs axe-core with the WCAG 2.1 A/AA tags; returns the violations.
// `context` is an axe context (selector, {include}, ...) or undefined for the page.
export async function axe(page, context) {
  // Inject through CDP-free evaluate so it also works when the page's CSP
  // forbids inline scripts (evaluate is not subject to CSP).
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (ctx) => {
    const r = await window.axe.run(ctx || document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })) }));
  }, context);
}

export function describeViolations(v) {
  return v.map((x) => `${x.id} (${x.impact}): ${x.help}\n` +
    x.nodes.map((n) => `   ${JSON.stringify(n.target)} ${n.summary}`).join('\n')).join('\n');
}

export async function screenshot(page, name, fullPage = true) {
  await page.screenshot({ path: path.join(SCREENSHOTS, name + '.png'), fullPage });
}

export const url = (p) => BASE + p;
