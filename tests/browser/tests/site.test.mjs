// The website in a real browser: search, facets, paging, service page,
// language switch, with and without JavaScript; CSP; stored-XSS payloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url, screenshot } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const resultCount = async (page) => {
  const text = await page.textContent('#result-count');
  const m = text.match(/\d+/);
  return m ? Number(m[0]) : 0;
};

for (const js of [true, false]) {
  const mode = js ? 'with JavaScript' : 'without JavaScript';

  test(`search from the home page ${mode}`, async () => {
    const page = await newPage(browser, { js });
    const res = await page.goto(url('/'));
    assert.equal(res.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'fi');
    await page.fill('#q', 'neuvola');
    await Promise.all([page.waitForURL(/\/haku\?/), page.click('form.search-form button[type=submit]')]);
    assert.match(page.url(), /q=neuvola/);
    await page.waitForSelector('.cards .card');
    const n = await resultCount(page);
    assert.ok(n > 10, `expected many neuvola results, got ${n}`);
    const marks = await page.$$eval('.cards .snippet mark', (els) => els.map((e) => e.textContent.toLowerCase()));
    assert.ok(marks.some((t) => t.includes('neuvol')), 'snippets highlight the matched word');
    if (js) await screenshot(page, 'results-fi', false);
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test(`filter with a facet, then page ${mode}`, async () => {
    const page = await newPage(browser, { js });
    await page.goto(url('/haku?q=neuvola'));
    const before = await resultCount(page);
    // Provider type "Hyvinvointialue" (wellbeing services county).
    const box = page.locator('#facet-provider_type input[value=wellbeing_county]');
    const label = await page.locator('#facet-provider_type label', { hasText: 'Hyvinvointialue' }).textContent();
    const expected = Number(label.match(/(\d+)\s*$/)[1]);
    if (js) {
      await box.check();   // applies at once, without a reload
      await page.waitForURL(/provider_type=wellbeing_county/);
      await page.waitForFunction((n) => document.querySelector('#result-count').textContent.includes(String(n)), expected);
    } else {
      await box.check();
      await Promise.all([page.waitForURL(/provider_type=wellbeing_county/), page.click('#facets-form button[type=submit]')]);
    }
    const after = await resultCount(page);
    assert.equal(after, expected, 'the count shown next to the facet value is the number of results');
    assert.ok(after < before);
    const chips = await page.locator('.active-filters .chip').count();
    assert.equal(chips, 1);
    // Every card is now from the wellbeing services county.
    const providers = await page.$$eval('.card .provider', (els) => els.map((e) => e.textContent));
    assert.ok(providers.every((p) => p.includes('hyvinvointialue')), providers.join(' | '));
    // Page 2 keeps the filter.
    const firstPage = await page.$$eval('.card-title a', (els) => els.map((e) => e.textContent));
    await Promise.all([page.waitForURL(/page=2/), page.click('.pagination a[rel=next]')]);
    await page.waitForFunction(() => !document.querySelector('.results.is-loading'));
    assert.match(page.url(), /provider_type=wellbeing_county/);
    const secondPage = await page.$$eval('.card-title a', (els) => els.map((e) => e.textContent));
    assert.ok(secondPage.length > 0);
    assert.ok(secondPage.every((t) => !firstPage.includes(t)), 'page 2 shows other services');
    assert.equal(await page.getAttribute('.pagination a[aria-current=page]', 'aria-label'), 'Sivu 2');
    if (js) {
      // The back button restores page 1.
      await page.goBack();
      await page.waitForFunction(() => !/page=2/.test(location.search) && document.querySelector('.pagination a[aria-current=page]')?.textContent === '1');
    }
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test(`open a service page and switch language ${mode}`, async () => {
    const page = await newPage(browser, { js });
    await page.goto(url('/haku?q=perheneuvola'));
    const first = page.locator('.card-title a').first();
    const name = (await first.textContent()).trim();
    await Promise.all([page.waitForURL(/\/palvelu\//), first.click()]);
    assert.equal((await page.textContent('h1')).trim(), name);
    for (const heading of ['Kuvaus', 'Palvelupaikat']) {
      assert.ok(await page.locator('h2', { hasText: heading }).count(), `service page has "${heading}"`);
    }
    assert.ok(await page.locator('a.map-link[href^="https://www.openstreetmap.org/"]').count() > 0);
    assert.ok(await page.locator('.hours-table').count() > 0, 'opening hours are shown');
    assert.ok(await page.locator('.service-footer time').count() > 0, 'last updated is shown');
    if (js) await screenshot(page, 'service-fi');
    // Switch to Swedish: same service, Swedish labels and lang attribute.
    await Promise.all([page.waitForURL(/lang=sv/), page.click('.lang-switch a[lang=sv]')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    assert.ok(await page.locator('h2', { hasText: 'Beskrivning' }).count());
    assert.match(page.url(), /\/palvelu\//);
    if (js) await screenshot(page, 'service-sv');
    await page.context().close();
  });

  test(`the language switch keeps the search ${mode}`, async () => {
    const page = await newPage(browser, { js });
    await page.goto(url('/haku?q=perhekahvila&cost=free'));
    await Promise.all([page.waitForURL(/lang=en/), page.click('.lang-switch a[lang=en]')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(page.url(), /q=perhekahvila/);
    assert.match(page.url(), /cost=free/);
    assert.equal(await page.inputValue('#q'), 'perhekahvila');
    assert.match(await page.textContent('#result-count'), /services?/);
    assert.equal(await page.textContent('#facets-title'), 'Filter results');
    await page.context().close();
  });

  test(`a short result is filled under its own heading, numbered on ${mode}`, async () => {
    // What the API says of the query decides what the page must show.
    const api = await (await fetch(url('/api/v1/search?q=vauva%20kirjasto&per_page=20&facets=false'))).json();
    const strict = api.hits.filter((h) => h.match === 'all');
    assert.ok(strict.length > 0 && api.hits.length > strict.length, 'the sample data fills this result');
    const page = await newPage(browser, { js });
    await page.goto(url('/haku?q=vauva%20kirjasto&per_page=20'));
    if (js) await page.waitForSelector('h2.results-group');
    assert.equal(await resultCount(page), api.total, 'the count is of the matches only');
    const groups = await page.$$eval('h2.results-group', (els) => els.map((e) => e.textContent));
    assert.match(groups[0], /osa hakusanoista/);
    const lists = await page.$$eval('ol.cards', (ols) => ols.map((o) => ({
      start: Number(o.getAttribute('start') || 1),
      cards: o.querySelectorAll('li.card').length,
    })));
    assert.equal(lists[0].start, 1);
    assert.equal(lists[0].cards, strict.length);
    assert.equal(lists[1].start, strict.length + 1, 'the filled hits are numbered on from the matches');
    const cards = lists.reduce((n, l) => n + l.cards, 0);
    assert.equal(cards, api.hits.length);
    // The heading comes right before the first filled card's list.
    const before = await page.$eval('h2.results-group', (h) => h.nextElementSibling.tagName + '.' + h.nextElementSibling.className);
    assert.equal(before, 'OL.cards');
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });
}

test('life-situation entry points lead to results', async () => {
  const page = await newPage(browser);
  await page.goto(url('/'));
  const tiles = await page.$$eval('.tiles a', (as) => as.map((a) => a.getAttribute('href')));
  assert.equal(tiles.length, 7);
  for (const href of tiles) {
    await page.goto(url(href));
    const n = await resultCount(page);
    assert.ok(n > 0, `${href} finds services`);
  }
  await page.context().close();
});

test('near me by postcode sorts by distance and shows it', async () => {
  const page = await newPage(browser, { js: false });
  await page.goto(url('/haku?q=lastenneuvola&postcode=33100&sort=distance'));
  const d = await page.$$eval('.card .distance', (els) => els.map((e) => parseFloat(e.textContent.replace(/[^\d,]/g, '').replace(',', '.'))));
  assert.ok(d.length > 3);
  for (let i = 1; i < d.length; i++) assert.ok(d[i] >= d[i - 1], `distances ascend: ${d.join(', ')}`);
  await page.context().close();
});

test('near me by the browser location (geolocation allowed)', async () => {
  const page = await newPage(browser, { geolocation: { latitude: 61.4978, longitude: 23.761 }, permissions: ['geolocation'] });
  await page.goto(url('/'));
  await page.fill('#q', 'neuvola');
  await Promise.all([page.waitForURL(/near=61\.49780%2C23\.76100|near=61\.49780,23\.76100/), page.click('.js-geolocate')]);
  assert.match(page.url(), /sort=distance/);
  const first = await page.textContent('.card .distance');
  assert.match(first, /km/);
  await page.context().close();
});

test('suggestions appear as you type and can be chosen with the keyboard', async () => {
  const page = await newPage(browser);
  await page.goto(url('/'));
  await page.locator('#q').pressSequentially('neuv', { delay: 30 });
  await page.waitForSelector('.suggest-list li[role=option]');
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  const active = await page.getAttribute('#q', 'aria-activedescendant');
  assert.ok(active);
  await Promise.all([page.waitForURL(/\/(haku|palvelu)/), page.keyboard.press('Enter')]);
  await page.context().close();
});

test('pages send a strict CSP and need no inline script or style', async () => {
  const page = await newPage(browser);
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  for (const p of ['/', '/haku?q=neuvola', '/upota', '/palvelu/test-xss-perhekahvila']) {
    const res = await page.goto(url(p));
    const csp = res.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    // The HTML as sent (scripts may later set styles through the CSSOM, which CSP allows).
    const html = await res.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${p} has no inline script`);
    assert.doesNotMatch(html, /<style|<[a-z][^>]*\sstyle=/i, `${p} has no inline style`);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, `${p} has no event handler attributes`);
  }
  assert.deepEqual(violations, []);
  await page.context().close();
});

test('a stored <script>/onerror payload is shown as text and never runs', async () => {
  for (const js of [true, false]) {
    const page = await newPage(browser, { js });
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    await page.goto(url('/palvelu/test-xss-perhekahvila'));
    const h1 = await page.textContent('h1');
    assert.ok(h1.includes('<img src=x onerror="window.__xss=1">'), 'the name is shown literally');
    const desc = await page.textContent('.prose');
    assert.ok(desc.includes("<script>window.__xss=4;alert('xss')</script>"), 'the description shows the payload as text');
    assert.equal(await page.locator('main script, main img, main iframe, main svg[onload]').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'no javascript: links');
    if (js) {
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
      await screenshot(page, 'service-xss-payload');
    }
    // Also in results and suggestions.
    await page.goto(url('/haku?q=hy%C3%B6kk%C3%A4yskahvila'));
    assert.ok((await page.textContent('.cards')).includes('<img src=x'));
    if (js) assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(dialogs, 0, 'no alert() ran');
    await page.context().close();
  }
});

test('an unknown service id gives an HTML 404 page', async () => {
  const page = await newPage(browser, { js: false });
  const res = await page.goto(url('/palvelu/no-such-service'));
  assert.equal(res.status(), 404);
  assert.match(await page.textContent('h1'), /ei löytynyt/);
  await page.context().close();
});

test('bad parameters are a notice on the page, not an error', async () => {
  const page = await newPage(browser, { js: false });
  const res = await page.goto(url('/haku?q=neuvola&age=abc&postcode=00000'));
  assert.ok(res.status() < 500);
  assert.ok(await page.locator('.notice-warning').count() >= 1);
  await page.context().close();
});

test('mobile layout: filters collapse behind a button', async () => {
  const page = await newPage(browser, { width: 390, height: 844, isMobile: true, hasTouch: true });
  await page.goto(url('/haku?q=kerho'));
  const btn = page.locator('.facets-toggle-btn');
  assert.equal(await btn.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.isVisible('#facets-form'), false);
  await btn.click();
  assert.equal(await page.isVisible('#facets-form'), true);
  await btn.click();
  await screenshot(page, 'results-mobile', false);
  await page.goto(url('/'));
  await screenshot(page, 'home-mobile');
  await page.context().close();
});

test('the API hit url opens the service page', async () => {
  const api = await (await fetch(url('/api/v1/search?q=perheneuvola&per_page=1&lang=sv'))).json();
  const hit = api.hits[0];
  const page = await newPage(browser, { js: false });
  const res = await page.goto(new URL(hit.url, url('/')).href);
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\/palvelu\//);
  assert.equal((await page.textContent('h1')).trim(), hit.name);
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  await page.context().close();
});

test('the service page prints without the site chrome', async () => {
  const page = await newPage(browser);
  await page.goto(url('/palvelu/pirha-lastenneuvola-020'));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.site-header'), false);
  assert.equal(await page.isVisible('.site-footer'), false);
  assert.equal(await page.isVisible('h1'), true);
  assert.equal(await page.isVisible('.hours-table'), true);
  await page.pdf({ path: new URL('../screenshots/service-print.pdf', import.meta.url).pathname });
  await page.context().close();
});
