// The widget on a page of another origin, with hostile host CSS around it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { launch, newPage, BASE, axe, describeViolations, screenshot } from './lib.mjs';

let browser, host, hostUrl;

// A tiny static site on another port: the widget's host page.
function hostPage() {
  return `<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>Kunnan sivu</title>
<style>
  * { all: unset; color: red !important; font-size: 40px }
  head, style, script { display: none }
  body, main, p, div, palveluhaku-search { display: block }
  .name, .ph, li, mark, button, input { background: lime !important; border: 5px solid red !important; }
  #control { font-family: serif; }
</style></head>
<body><main>
<h1>Kunnan perhepalvelut</h1>
<p id="control" class="name meta status">Isäntäsivun oma kappale</p>
<script src="${BASE}/widget.js" data-municipality="837" data-lang="fi" data-service-class="P3.7" async></script>
<p id="after" class="more snip">Sivun teksti widgetin jälkeen</p>
</main></body></html>`;
}

before(async () => {
  browser = await launch();
  host = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(hostPage());
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  // "localhost" vs "127.0.0.1" and another port: a different origin.
  hostUrl = `http://localhost:${host.address().port}/`;
});
after(async () => { await browser?.close(); host?.close(); });

async function openHost(page) {
  await page.goto(hostUrl);
  await page.waitForFunction(() => {
    const w = document.querySelector('palveluhaku-search');
    return w && w.shadowRoot && w.shadowRoot.querySelectorAll('li').length > 0;
  });
  return page.locator('palveluhaku-search');
}

test('the widget renders where the tag stands and searches across origins', async () => {
  const page = await newPage(browser);
  const widget = await openHost(page);
  assert.notEqual(new URL(hostUrl).origin, new URL(BASE).origin);
  // Placed right after its script tag, before the following paragraph.
  const order = await page.evaluate(() => {
    const w = document.querySelector('palveluhaku-search');
    return w.previousElementSibling.tagName + '>' + w.nextElementSibling.id;
  });
  assert.equal(order, 'SCRIPT>after');
  // Initial results obey data-municipality and data-service-class (P3.7).
  const status = await widget.locator('.status').textContent();
  assert.match(status, /\d+ palvelua/);
  await widget.locator('input').fill('perheneuvola');
  await widget.locator('button').click();
  await page.waitForFunction(() => {
    const r = document.querySelector('palveluhaku-search').shadowRoot;
    return [...r.querySelectorAll('mark')].some((m) => /perheneuvol/i.test(m.textContent));
  });
  const links = await widget.locator('li a.name').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length > 0);
  for (const l of links) assert.ok(l.startsWith(BASE + '/'), `result links go to the main site: ${l}`);
  const more = await widget.locator('a.more').getAttribute('href');
  assert.match(more, /\/haku\?q=perheneuvola&municipality=837&service_class=P3\.7/);
  await screenshot(page, 'widget-hostile-host');
  // Following a result opens its page on the main site.
  await Promise.all([page.waitForURL((u) => u.href.startsWith(BASE + '/')), widget.locator('li a.name').first().click()]);
  assert.equal(await page.getAttribute('html', 'lang'), 'fi');
  assert.ok(await page.locator('h1').count());
  await page.context().close();
});

test('host styles do not reach into the widget, and widget styles do not leak out', async () => {
  const page = await newPage(browser);
  const widget = await openHost(page);
  const inside = await widget.locator('.ph').evaluate((el) => {
    const s = getComputedStyle(el), b = getComputedStyle(el.querySelector('button'));
    return { color: s.color, size: s.fontSize, bg: s.backgroundColor, btnBorder: b.borderTopColor, btnBg: b.backgroundColor };
  });
  assert.notEqual(inside.color, 'rgb(255, 0, 0)', 'host color:red !important does not reach the widget');
  assert.equal(inside.size, '16px', 'host font-size does not reach the widget');
  assert.notEqual(inside.bg, 'rgb(0, 255, 0)');
  assert.notEqual(inside.btnBorder, 'rgb(255, 0, 0)');
  assert.equal(inside.btnBg, 'rgb(0, 52, 122)', 'the widget keeps its own (themeable) button colour');
  const host = await page.evaluate(() => {
    const c = getComputedStyle(document.getElementById('control'));
    const a = getComputedStyle(document.getElementById('after'));
    return { color: c.color, size: c.fontSize, family: c.fontFamily, afterSize: a.fontSize, afterWeight: a.fontWeight };
  });
  // The host's own elements, which share class names with the widget's, keep the host's styles.
  assert.equal(host.color, 'rgb(255, 0, 0)');
  assert.equal(host.size, '40px');
  assert.equal(host.family, 'serif');
  assert.equal(host.afterSize, '40px');
  assert.equal(host.afterWeight, '400', 'the widget\'s .more { font-weight: 600 } does not leak');
  await page.context().close();
});

test('the widget is themed with CSS custom properties', async () => {
  const page = await newPage(browser);
  const widget = await openHost(page);
  await page.evaluate(() => {
    const w = document.querySelector('palveluhaku-search');
    w.style.setProperty('--ph-primary', '#7a0034');
    w.style.setProperty('--ph-radius', '0px');
  });
  const s = await widget.locator('button').evaluate((b) => ({ bg: getComputedStyle(b).backgroundColor, r: getComputedStyle(b).borderTopLeftRadius }));
  assert.equal(s.bg, 'rgb(122, 0, 52)');
  assert.equal(s.r, '0px');
  await page.context().close();
});

test('the widget is keyboard accessible and has no axe violations', async () => {
  const page = await newPage(browser);
  const widget = await openHost(page);
  // Tab into the widget's search box, type, Enter.
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const w = document.querySelector('palveluhaku-search');
    return document.activeElement === w && w.shadowRoot.activeElement && w.shadowRoot.activeElement.tagName;
  });
  assert.equal(focused, 'INPUT');
  await page.keyboard.type('perheneuvola');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /q=perheneuvola/.test(document.querySelector('palveluhaku-search').shadowRoot.querySelector('a.more').href));
  // Tab on to the first result link.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const onLink = await page.evaluate(() => document.querySelector('palveluhaku-search').shadowRoot.activeElement.className);
  assert.equal(onLink, 'name');
  assert.equal(await widget.locator('.status').getAttribute('role'), 'status');
  assert.ok(await widget.locator('label').textContent());
  const v = await axe(page, { include: [['palveluhaku-search']] });
  assert.equal(v.length, 0, describeViolations(v));
  await page.context().close();
});

test('the widget script is small (gzip) and loads from any origin', async () => {
  const res = await fetch(BASE + '/widget.js', { headers: { Origin: 'http://example.org' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /javascript/);
  const body = Buffer.from(await res.arrayBuffer());
  const gz = gzipSync(body, { level: 9 }).length;
  console.log(`widget.js: ${body.length} bytes, ${gz} bytes gzip`);
  assert.ok(gz < 8 * 1024, `widget.js gzip ${gz} B`);
  // The API answers the cross-origin call with CORS headers.
  const api = await fetch(BASE + '/api/v1/search?q=neuvola&per_page=1', { headers: { Origin: 'http://example.org' } });
  assert.ok(api.headers.get('access-control-allow-origin'));
  void readFileSync;
});

test('a short result is filled after a separator that names each group', async () => {
  // The widget asks what its options say (municipality 837, class P3.7, 5 hits);
  // the API's answer to the same request decides where the separators go.
  const q = 'perheneuvola ero';
  const api = await (await fetch(`${BASE}/api/v1/search?q=${encodeURIComponent(q)}&lang=fi` +
    '&municipality=837&service_class=P3.7&per_page=5&facets=false')).json();
  const expected = [];
  let group = api.relaxed ? 'some' : 'all';
  for (const h of api.hits) {
    if (h.match && h.match !== group) { group = h.match; expected.push(group === 'related' ? 'G:liittyviä' : 'G:osa hakusanoista'); }
    expected.push('hit');
  }
  assert.ok(expected.some((e) => e.startsWith('G:')), 'the sample data fills this result');
  const page = await newPage(browser);
  const widget = await openHost(page);
  await widget.locator('input').fill(q);
  await widget.locator('button').click();
  await page.waitForFunction(() => document.querySelector('palveluhaku-search').shadowRoot.querySelector('li.group'));
  const items = await widget.locator('li').evaluateAll((lis) => lis.map((li) => (li.classList.contains('group') ? 'G:' + li.textContent : 'hit')));
  assert.equal(items.length, expected.length);
  items.forEach((it, i) => {
    if (expected[i] === 'hit') assert.equal(it, 'hit', `item ${i}`);
    else assert.ok(it.startsWith('G:') && it.includes(expected[i].slice(2)), `item ${i}: ${it} should name ${expected[i]}`);
  });
  // The count is of the matches only, not of the filled hits.
  assert.match(await widget.locator('.status').textContent(), api.total === 1 ? /1 palvelu/ : new RegExp(`${api.total} palvelua`));
  await page.context().close();
});
