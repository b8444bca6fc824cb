// axe-core (WCAG 2.1 A and AA) on the home, results and service pages in
// Finnish, Swedish and English, and on the embed page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url, axe, describeViolations, screenshot } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const pages = [
  ['home', '/'],
  ['results', '/haku?q=neuvola&postcode=33100'],
  ['results-filtered', '/haku?q=kerho&provider_type=parish&open_now=true'],
  ['service', '/palvelu/pirha-lastenneuvola-020'],
];

for (const lang of ['fi', 'sv', 'en']) {
  for (const [name, path] of pages) {
    test(`axe: ${name} (${lang}) has no WCAG 2.1 A/AA violations`, async () => {
      const page = await newPage(browser);
      const sep = path.includes('?') ? '&' : '?';
      const res = await page.goto(url(path + (lang === 'fi' ? '' : `${sep}lang=${lang}`)));
      assert.equal(res.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      const v = await axe(page);
      assert.equal(v.length, 0, describeViolations(v));
      if (name === 'home') await screenshot(page, `home-${lang}`);
      if (name === 'results' && lang !== 'fi') await screenshot(page, `results-${lang}`, false);
      await page.context().close();
    });
  }
}

test('axe: embed page (with the widget preview) has no violations', async () => {
  const page = await newPage(browser);
  await page.goto(url('/upota?w_municipality=837&w_service_class=P3.7&w_service_class=P5.2'));
  await page.waitForFunction(() => {
    const w = document.querySelector('palveluhaku-search');
    return w && w.shadowRoot && w.shadowRoot.querySelectorAll('li').length > 0;
  });
  const v = await axe(page);
  assert.equal(v.length, 0, describeViolations(v));
  await screenshot(page, 'embed-fi');
  await page.context().close();
});

test('keyboard: the skip link is first and moves focus to the main content', async () => {
  const page = await newPage(browser);
  await page.goto(url('/haku?q=neuvola'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.ok(await page.isVisible('.skip-link'), 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // Focus is visible: the focused element has an outline.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.context().close();
});

test('the result count is a live region that is updated in place', async () => {
  const page = await newPage(browser);
  await page.goto(url('/haku?q=neuvola'));
  const handle = await page.$('#result-count');
  assert.equal(await handle.getAttribute('aria-live'), 'polite');
  await page.check('#facet-cost input[value=free]');
  await page.waitForURL(/cost=free/);
  await page.waitForFunction(() => !document.querySelector('.results.is-loading'));
  // Same node (so screen readers announce the change), new text.
  assert.equal(await handle.evaluate((n) => n.isConnected), true);
  assert.match(await handle.textContent(), /\d+ palvelua|1 palvelu/);
  await page.context().close();
});
