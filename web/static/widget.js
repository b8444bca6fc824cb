/*! Palveluhaku widget — a search box and results for any web page.
 * <script src="https://HOST/widget.js" data-municipality="837" data-lang="fi"
 *         data-service-class="P3.7" async></script>
 * Renders where the tag stands (or use <palveluhaku-search data-...> anywhere
 * after loading this file with data-mount="none"). Lives in a Shadow DOM, so
 * host-page styles and the widget's never leak into each other. Theme with
 * CSS custom properties on the element: --ph-primary, --ph-text, --ph-bg,
 * --ph-muted, --ph-border, --ph-font, --ph-radius (or data-color-primary,
 * data-color-text, data-color-background, data-font, data-radius).
 * No dependencies. Calls HOST/api/v1/search across origins (CORS). */
(function () {
  'use strict';
  var doc = document, script = doc.currentScript;
  var scriptBase = '';
  try { if (script && script.src) scriptBase = new URL(script.src, doc.baseURI).origin; } catch (e) { /* keep '' */ }
  var TAG = 'palveluhaku-search';
  var S = {
    fi: ['Hae palveluita', 'Hae', 'esim. neuvola, perhekahvila', 'Haetaan…', 'Ei palveluita', '1 palvelu', '{n} palvelua',
      'Näytä kaikki tulokset', 'Avoinna nyt', 'Haku epäonnistui. Yritä uudelleen.', 'Palveluhaku', 'Hakutulokset',
      'Palveluja, joissa on osa hakusanoista', 'Samaan aiheeseen liittyviä palveluja'],
    sv: ['Sök tjänster', 'Sök', 't.ex. rådgivning, familjecafé', 'Söker…', 'Inga tjänster', '1 tjänst', '{n} tjänster',
      'Visa alla resultat', 'Öppet nu', 'Sökningen misslyckades. Försök igen.', 'Tjänstesökning', 'Sökresultat',
      'Tjänster som innehåller en del av sökorden', 'Tjänster inom samma område'],
    en: ['Search services', 'Search', 'e.g. child health clinic, family café', 'Searching…', 'No services', '1 service',
      '{n} services', 'Show all results', 'Open now', 'The search failed. Please try again.', 'Service search', 'Search results',
      'Services matching some of the words', 'Related services']
  };
  var CSS = [
    ':host{all:initial!important;display:block!important;box-sizing:border-box!important;',
    'font-family:var(--ph-font,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif)!important;font-size:16px!important;',
    'line-height:1.5!important;color:var(--ph-text,#1f2a37)!important;text-align:left!important;max-width:100%!important;',
    'visibility:visible!important;opacity:1!important;position:static!important}',
    ':host([hidden]){display:none!important}',
    '*,*::before,*::after{box-sizing:border-box}',
    '.ph{background:var(--ph-bg,#fff);border:1px solid var(--ph-border,#c9d2dd);border-radius:var(--ph-radius,8px);padding:16px}',
    'h2{font-size:1.15em;margin:0 0 10px;color:var(--ph-primary,#00347a);font-weight:700;line-height:1.25}',
    'label{display:block;font-weight:600;margin:0 0 4px}',
    '.row{display:flex;gap:8px}',
    'input{flex:1;min-width:0;font:inherit;color:inherit;background:#fff;border:2px solid #6b7785;border-radius:var(--ph-radius,8px);padding:8px 10px;min-height:44px}',
    'button{font:inherit;font-weight:600;color:#fff;background:var(--ph-primary,#00347a);border:2px solid var(--ph-primary,#00347a);',
    'border-radius:var(--ph-radius,8px);padding:8px 16px;min-height:44px;cursor:pointer}',
    'button:hover{filter:brightness(1.15)}',
    'input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--ph-focus,#f0b323);outline-offset:2px}',
    '.status{margin:10px 0 6px;color:var(--ph-muted,#4b5563);font-weight:600;font-size:.92em}',
    '.status:empty{display:none}',
    'ol{list-style:none;margin:0;padding:0}',
    'li{padding:10px 0;border-top:1px solid var(--ph-border,#c9d2dd)}',
    'a{color:var(--ph-primary,#00347a)}',
    '.name{font-weight:700;font-size:1.05em}',
    '.meta{display:block;color:var(--ph-muted,#4b5563);font-size:.9em}',
    '.badge{display:inline-block;font-size:.8em;font-weight:700;color:#1e6b34;background:#e3f4e8;border-radius:99px;padding:0 8px;margin-left:6px}',
    '.snip{margin:4px 0 0;font-size:.95em}',
    '.group{font-weight:700;color:var(--ph-muted,#4b5563);font-size:.9em;padding-top:14px}',
    'mark{background:#fff0a8;color:inherit}',
    '.more{display:inline-block;margin-top:10px;font-weight:600}'
  ].join('');

  var sheet = null;
  function styleFor(root) {
    try {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      var st = doc.createElement('style');
      st.textContent = CSS;
      root.appendChild(st);
    }
  }
  function el(name, attrs, text) {
    var e = doc.createElement(name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function list(v) { return (v || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean); }
  function decode(s) {
    return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, function (m, e) {
      var l = e.toLowerCase();
      if (l === 'amp') return '&'; if (l === 'lt') return '<'; if (l === 'gt') return '>';
      if (l === 'quot') return '"'; if (l === 'apos') return "'";
      var n = l.charAt(1) === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
      try { return String.fromCodePoint(n); } catch (x) { return m; }
    });
  }
  // The API snippet is escaped text with <mark> around matches: build nodes,
  // never innerHTML.
  function snippet(parent, s) {
    var parts = String(s).split(/<(\/?)mark>/), open = false;
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 1) { open = parts[i] !== '/'; continue; }
      if (!parts[i]) continue;
      var t = doc.createTextNode(decode(parts[i]));
      if (open) { var m = doc.createElement('mark'); m.appendChild(t); parent.appendChild(m); } else parent.appendChild(t);
    }
  }

  var Base = typeof HTMLElement === 'function' ? HTMLElement : function () {};
  var uid = 0;
  class Widget extends Base {
    static get observedAttributes() {
      return ['data-municipality', 'data-lang', 'data-service-class', 'data-color-primary', 'data-color-text',
        'data-color-background', 'data-font', 'data-radius', 'data-per-page', 'data-base'];
    }
    constructor() {
      super();
      this._root = this.attachShadow({ mode: 'open' });
      styleFor(this._root);
      this._seq = 0;
      this._id = 'ph' + (++uid);
    }
    connectedCallback() { this._build(); }
    attributeChangedCallback() { if (this._built) this._build(); }
    _opt(n) { return this.getAttribute('data-' + n) || ''; }
    _theme() {
      var map = { 'color-primary': '--ph-primary', 'color-text': '--ph-text', 'color-background': '--ph-bg', font: '--ph-font', radius: '--ph-radius' };
      for (var k in map) {
        var v = this._opt(k);
        if (v && /^[#\w\s,.()%"'-]{1,80}$/.test(v)) this.style.setProperty(map[k], v); else this.style.removeProperty(map[k]);
      }
    }
    _build() {
      this._built = true;
      this._theme();
      var lang = S[this._opt('lang')] ? this._opt('lang') : 'fi', t = S[lang];
      this._lang = lang; this._t = t;
      this._base = this._opt('base') || scriptBase || '';
      var root = this._root;
      while (root.lastChild) root.removeChild(root.lastChild);
      if (!root.adoptedStyleSheets || !root.adoptedStyleSheets.length) styleFor(root);
      var box = el('section', { class: 'ph', lang: lang, 'aria-label': t[10] });
      var form = el('form', { role: 'search' });
      var id = this._id + '-q';
      form.appendChild(el('label', { for: id }, t[0]));
      var row = el('div', { class: 'row' });
      var input = el('input', { id: id, type: 'search', name: 'q', placeholder: t[2], autocomplete: 'off', maxlength: '200' });
      row.appendChild(input);
      row.appendChild(el('button', { type: 'submit' }, t[1]));
      form.appendChild(row);
      box.appendChild(form);
      this._status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
      box.appendChild(this._status);
      this._list = el('ol', { 'aria-label': t[11] });
      box.appendChild(this._list);
      this._more = el('a', { class: 'more', href: this._base + '/haku' }, t[7]);
      this._more.hidden = true;
      box.appendChild(this._more);
      root.appendChild(box);
      var self = this;
      form.addEventListener('submit', function (e) { e.preventDefault(); self._search(input.value.trim()); });
      this._search('');
    }
    _params(q, perPage) {
      var p = new URLSearchParams();
      if (q) p.set('q', q);
      p.set('lang', this._lang);
      list(this._opt('municipality')).forEach(function (m) { p.append('municipality', m); });
      list(this._opt('service-class')).forEach(function (c) { p.append('service_class', c); });
      if (perPage) p.set('per_page', perPage);
      return p;
    }
    _search(q) {
      var self = this, t = this._t, my = ++this._seq;
      var per = Math.max(1, Math.min(20, parseInt(this._opt('per-page'), 10) || 5));
      var url = this._base + '/api/v1/search?' + this._params(q, per).toString() + '&facets=false';
      if (q) this._status.textContent = t[3];
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', mode: 'cors' })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (j) { if (my === self._seq) self._show(q, j); })
        .catch(function () { if (my === self._seq) { self._status.textContent = t[9]; } });
    }
    _show(q, j) {
      var t = this._t, ul = this._list, base = this._base;
      while (ul.lastChild) ul.removeChild(ul.lastChild);
      var n = j.total || 0;
      this._status.textContent = n === 0 ? t[4] : n === 1 ? t[5] : t[6].replace('{n}', String(n));
      // A short result is filled after its matches (match "some", then
      // "related"): a separator names each group.
      var group = j.relaxed ? 'some' : 'all';
      (j.hits || []).forEach(function (h) {
        var li = el('li'), href;
        if (h.match && h.match !== group) {
          group = h.match;
          ul.appendChild(el('li', { class: 'group' }, group === 'related' ? t[13] : t[12]));
        }
        try { href = new URL(h.url || ('/palvelu/' + encodeURIComponent(h.id)), base || doc.baseURI).href; } catch (e) { href = '#'; }
        if (!/^https?:/i.test(href)) href = '#';
        li.appendChild(el('a', { class: 'name', href: href }, h.name || ''));
        if (h.open_now === true) li.appendChild(el('span', { class: 'badge' }, t[8]));
        var meta = [h.provider && h.provider.name, h.municipality && h.municipality.name].filter(Boolean).join(' · ');
        if (typeof h.distance_km === 'number') meta += (meta ? ' · ' : '') + h.distance_km.toFixed(1) + ' km';
        if (meta) li.appendChild(el('span', { class: 'meta' }, meta));
        var p = el('p', { class: 'snip' });
        snippet(p, h.snippet || h.summary || '');
        if (p.firstChild) li.appendChild(p);
        ul.appendChild(li);
      });
      var params = this._params(q, 0);
      if (this._lang === 'fi') params.delete('lang');
      this._more.href = base + '/haku?' + params.toString();
      this._more.textContent = t[7] + (n ? ' (' + n + ')' : '');
      this._more.hidden = n === 0;
    }
  }
  if (window.customElements && !customElements.get(TAG)) customElements.define(TAG, Widget);
  // Mount where the script tag stands (unless data-mount="none").
  if (script && script.getAttribute('data-mount') !== 'none' && script.parentNode && script.parentNode !== doc.head) {
    var w = doc.createElement(TAG);
    for (var i = 0; i < script.attributes.length; i++) {
      var a = script.attributes[i];
      if (a.name.indexOf('data-') === 0) w.setAttribute(a.name, a.value);
    }
    if (!w.hasAttribute('data-base') && scriptBase) w.setAttribute('data-base', scriptBase);
    script.parentNode.insertBefore(w, script.nextSibling);
  }
})();
