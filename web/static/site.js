/* Palveluhaku — progressive enhancement for the server-rendered pages.
 * Everything works without this file: every filter is a GET form or a link.
 * With it: results update without a reload (the URL is kept in sync and the
 * back button works), as-you-type suggestions from /api/v1/suggest, "use my
 * location", the mobile filter toggle and the embed page's live preview.
 * No dependencies, no inline script (the pages' CSP forbids it). */
(function () {
  'use strict';
  var doc = document;
  var lang = doc.body.getAttribute('data-lang') || 'fi';
  var T = {
    fi: { loading: 'Haetaan tuloksia…', error: 'Tulosten haku epäonnistui. Yritä uudelleen.', locating: 'Haetaan sijaintia…',
      suggestions: 'Hakuehdotuksia: {n}. Selaa nuolinäppäimillä.', filters: 'Rajaa tuloksia', show: 'Näytä rajaukset', hide: 'Piilota rajaukset',
      kinds: { service: 'Palvelu', category: 'Aihe', organisation: 'Organisaatio', word: 'Hakusana' } },
    sv: { loading: 'Söker…', error: 'Sökningen misslyckades. Försök igen.', locating: 'Hämtar position…',
      suggestions: 'Sökförslag: {n}. Bläddra med piltangenterna.', filters: 'Avgränsa', show: 'Visa avgränsningar', hide: 'Dölj avgränsningar',
      kinds: { service: 'Tjänst', category: 'Tema', organisation: 'Organisation', word: 'Sökord' } },
    en: { loading: 'Searching…', error: 'The search failed. Please try again.', locating: 'Finding your location…',
      suggestions: '{n} suggestions. Use the arrow keys to browse.', filters: 'Filters', show: 'Show filters', hide: 'Hide filters',
      kinds: { service: 'Service', category: 'Topic', organisation: 'Organisation', word: 'Search term' } }
  }[lang] || null;
  if (!T) T = { loading: '', error: '', locating: '', suggestions: '{n}', show: '', hide: '', kinds: {} };

  function announce(text) {
    var live = doc.getElementById('live-status');
    if (!live) return;
    live.textContent = '';
    window.setTimeout(function () { live.textContent = text; }, 50);
  }
  function $(sel, root) { return (root || doc).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }

  // ---- results without reload ------------------------------------------
  var isResults = doc.body.classList.contains('page-results');
  var pending = null;

  function formUrl(form) {
    var params = new URLSearchParams();
    $all('input, select', form).forEach(function (el) {
      if (!el.name || el.disabled) return;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      if (el.value === '') return;
      params.append(el.name, el.value);
    });
    var qs = params.toString();
    return form.getAttribute('action') + (qs ? '?' + qs : '');
  }

  function swapResults(html, url, push) {
    var next = new DOMParser().parseFromString(html, 'text/html');
    var parts = ['.search-band', '.results-head', '.results-layout'];
    var active = doc.activeElement && doc.activeElement.id;
    var oldCount = doc.getElementById('result-count');
    parts.forEach(function (sel) {
      var cur = $(sel), nu = next.querySelector(sel);
      if (cur && nu) cur.replaceWith(doc.importNode(nu, true));
    });
    // Keep the live region node so its new text is announced.
    var newCount = doc.getElementById('result-count');
    if (oldCount && newCount && oldCount !== newCount) {
      var text = newCount.textContent;
      newCount.replaceWith(oldCount);
      oldCount.textContent = text;
    }
    doc.title = next.title;
    doc.documentElement.lang = next.documentElement.lang;
    // The language switch links carry the query: take the new ones.
    var sw = $('.lang-switch'), nsw = next.querySelector('.lang-switch');
    if (sw && nsw) sw.replaceWith(doc.importNode(nsw, true));
    if (push) history.pushState({ url: url }, '', url);
    enhanceResults();
    if (active && doc.getElementById(active)) doc.getElementById(active).focus();
  }

  function load(url, push, focusHeading) {
    if (pending) pending.abort();
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    pending = ctrl;
    var res = $('.results');
    if (res) res.classList.add('is-loading');
    announce(T.loading);
    fetch(url, { headers: { Accept: 'text/html' }, signal: ctrl ? ctrl.signal : undefined, credentials: 'same-origin' })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        pending = null;
        swapResults(html, url, push);
        if (focusHeading) {
          var h = doc.getElementById('results-title');
          if (h) { h.setAttribute('tabindex', '-1'); h.focus(); }
        }
      })
      .catch(function (e) {
        if (e && e.name === 'AbortError') return;
        if (res) res.classList.remove('is-loading');
        announce(T.error);
        window.location.href = url;  // fall back to a normal page load
      });
  }

  function sameOriginSearchLink(a) {
    return a && a.origin === window.location.origin && a.pathname === '/haku' && !a.hasAttribute('download');
  }

  function enhanceResults() {
    $all('.js-hide').forEach(function (b) { b.hidden = true; });
    var facets = $('#facets-form');
    if (facets && !facets.dataset.enhanced) {
      facets.dataset.enhanced = '1';
      facets.addEventListener('change', function () { load(formUrl(facets), true, false); });
      facets.addEventListener('submit', function (e) { e.preventDefault(); load(formUrl(facets), true, false); });
    }
    var sort = $('.sort-form');
    if (sort && !sort.dataset.enhanced) {
      sort.dataset.enhanced = '1';
      sort.addEventListener('change', function () { load(formUrl(sort), true, false); });
      sort.addEventListener('submit', function (e) { e.preventDefault(); load(formUrl(sort), true, false); });
    }
    var search = $('.search-band .search-form');
    if (search && !search.dataset.enhancedAjax) {
      search.dataset.enhancedAjax = '1';
      search.addEventListener('submit', function (e) {
        if (e.defaultPrevented) return;
        e.preventDefault();
        load(formUrl(search), true, true);
      });
    }
    enhanceSearchForms();
    mobileFacets();
  }

  // Links inside the results area (pagination, chips, did-you-mean).
  doc.addEventListener('click', function (e) {
    if (!isResults || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest && e.target.closest('a');
    if (!a || !a.closest('main') || !sameOriginSearchLink(a)) return;
    e.preventDefault();
    var toTop = !!a.closest('.pagination');
    load(a.href, true, toTop);
    if (toTop) window.scrollTo(0, 0);
  });
  window.addEventListener('popstate', function () {
    if (isResults && window.location.pathname === '/haku') load(window.location.href, false, false);
  });

  // ---- mobile filter toggle --------------------------------------------
  function mobileFacets() {
    var side = $('.sidebar'), form = $('#facets-form'), title = $('#facets-title');
    if (!side || !form || !title || $('.facets-toggle-btn', side)) return;
    if (!window.matchMedia || !window.matchMedia('(max-width: 899px)').matches) return;
    var btn = doc.createElement('button');
    btn.type = 'button';
    btn.className = 'btn btn-small btn-secondary facets-toggle-btn';
    btn.setAttribute('aria-controls', 'facets-form');
    var open = !!sessionStorage.getItem('ph-facets-open');
    function set(o) {
      open = o;
      form.hidden = !o;
      btn.setAttribute('aria-expanded', String(o));
      btn.textContent = o ? T.hide : T.show;
      if (o) sessionStorage.setItem('ph-facets-open', '1'); else sessionStorage.removeItem('ph-facets-open');
    }
    btn.addEventListener('click', function () { set(!open); });
    title.appendChild(btn);
    set(open);
  }

  // ---- suggestions (combobox) ------------------------------------------
  function enhanceSearchForms() {
    $all('form.search-form').forEach(function (form) {
      if (form.dataset.enhanced) return;
      form.dataset.enhanced = '1';
      var input = $('input[name=q]', form);
      var endpoint = form.getAttribute('data-suggest');
      if (input && endpoint && window.fetch) suggest(form, input, endpoint);
      geolocate(form);
      // "Where": five digits is a postcode, anything else a municipality.
      var where = $('input[name=postcode]', form);
      if (where) {
        form.addEventListener('submit', function () {
          var v = where.value.trim();
          where.name = (v === '' || /^\d{5}$/.test(v)) ? 'postcode' : 'near_municipality';
        }, true);
      }
    });
  }

  var uid = 0;
  function suggest(form, input, endpoint) {
    var wrap = input.parentNode;
    var listId = 'suggest-' + (++uid);
    var list = doc.createElement('ul');
    list.id = listId;
    list.className = 'suggest-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', input.labels && input.labels[0] ? input.labels[0].textContent : 'Suggestions');
    list.hidden = true;
    wrap.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    var items = [], index = -1, timer = 0, seq = 0;

    function close() {
      list.hidden = true; list.textContent = ''; items = []; index = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function highlight(i) {
      index = i;
      $all('li', list).forEach(function (li, k) { li.setAttribute('aria-selected', String(k === i)); });
      if (i >= 0) input.setAttribute('aria-activedescendant', listId + '-' + i);
      else input.removeAttribute('aria-activedescendant');
    }
    function choose(s) {
      close();
      var l = lang !== 'fi' ? '&lang=' + lang : '';
      if (s.kind === 'service' && s.id) { window.location.href = '/palvelu/' + encodeURIComponent(s.id) + (l ? '?' + l.slice(1) : ''); return; }
      if (s.kind === 'category' && s.id) { window.location.href = '/haku?service_class=' + encodeURIComponent(s.id) + l; return; }
      input.value = s.text;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
    function render(sugs) {
      list.textContent = '';
      items = sugs.slice(0, 8);
      if (!items.length) { close(); return; }
      items.forEach(function (s, i) {
        var li = doc.createElement('li');
        li.id = listId + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var t = doc.createElement('span'); t.textContent = s.text; li.appendChild(t);
        var k = doc.createElement('span'); k.className = 'suggest-kind'; k.textContent = T.kinds[s.kind] || ''; li.appendChild(k);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(s); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      index = -1;
      announce(T.suggestions.replace('{n}', String(items.length)));
    }
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = window.setTimeout(function () {
        var my = ++seq;
        fetch(endpoint + '?q=' + encodeURIComponent(q) + '&lang=' + lang, { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (j) { if (my === seq) render(j.suggestions || []); })
          .catch(function () { close(); });
      }, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight((index + 1) % items.length); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(index <= 0 ? items.length - 1 : index - 1); }
      else if (e.key === 'Escape') { e.preventDefault(); close(); }
      else if (e.key === 'Enter' && index >= 0) { e.preventDefault(); choose(items[index]); }
    });
    input.addEventListener('blur', function () { window.setTimeout(close, 100); });
    form.addEventListener('submit', close);
  }

  // ---- near me by the browser's location ------------------------------------
  function geolocate(form) {
    var btn = $('.js-geolocate', form);
    if (!btn || !navigator.geolocation) return;
    btn.hidden = false;
    var status = $('.geo-status', form);
    btn.addEventListener('click', function () {
      if (status) status.textContent = T.locating;
      navigator.geolocation.getCurrentPosition(function (pos) {
        var params = new URLSearchParams();
        var q = $('input[name=q]', form);
        if (q && q.value.trim()) params.set('q', q.value.trim());
        $all('input[type=hidden]', form).forEach(function (h) {
          if (['near', 'postcode', 'near_municipality', 'sort'].indexOf(h.name) < 0) params.append(h.name, h.value);
        });
        params.set('near', pos.coords.latitude.toFixed(5) + ',' + pos.coords.longitude.toFixed(5));
        params.set('sort', 'distance');
        var url = '/haku?' + params.toString();
        if (isResults) load(url, true, true); else window.location.href = url;
        if (status) status.textContent = '';
      }, function () {
        if (status) status.textContent = btn.getAttribute('data-msg-denied') || '';
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  }

  // ---- embed page: live preview and copy --------------------------------------
  function enhanceEmbed() {
    var form = $('#embed-form');
    if (!form) return;
    $all('.js-hide', form).forEach(function (b) { b.hidden = true; });
    var snippet = $('#w-snippet'), preview = $('#widget-preview');
    var origin = form.getAttribute('data-origin') || window.location.origin;
    function values(name) {
      return $all('[name=' + name + ']', form).reduce(function (acc, el) {
        if (el.tagName === 'SELECT') $all('option', el).forEach(function (o) { if (o.selected) acc.push(o.value); });
        else if ((el.type !== 'checkbox' && el.type !== 'radio') || el.checked) acc.push(el.value);
        return acc;
      }, []);
    }
    function update() {
      var attrs = [];
      var m = values('w_municipality'), c = values('w_service_class');
      if (m.length) attrs.push(['data-municipality', m.join(',')]);
      attrs.push(['data-lang', values('w_lang')[0] || 'fi']);
      if (c.length) attrs.push(['data-service-class', c.join(',')]);
      attrs.push(['data-color-primary', values('w_primary')[0]]);
      attrs.push(['data-color-text', values('w_text')[0]]);
      attrs.push(['data-color-background', values('w_background')[0]]);
      var r = parseInt(values('w_radius')[0], 10);
      attrs.push(['data-radius', (isNaN(r) ? 8 : Math.max(0, Math.min(24, r))) + 'px']);
      snippet.value = '<script src="' + origin + '/widget.js"' + attrs.map(function (a) {
        return ' ' + a[0] + '="' + String(a[1]).replace(/[&"<>]/g, '') + '"';
      }).join('') + ' async></' + 'script>';
      var el = doc.createElement('palveluhaku-search');
      attrs.forEach(function (a) { el.setAttribute(a[0], a[1]); });
      el.setAttribute('data-base', origin);
      var old = $('palveluhaku-search', preview);
      if (old) old.replaceWith(el); else preview.insertBefore(el, preview.firstChild);
      var params = new URLSearchParams();
      $all('input, select', form).forEach(function (x) {
        if (!x.name) return;
        if (x.tagName === 'SELECT') { $all('option', x).forEach(function (o) { if (o.selected) params.append(x.name, o.value); }); return; }
        if ((x.type === 'checkbox' || x.type === 'radio') && !x.checked) return;
        params.append(x.name, x.value);
      });
      history.replaceState(null, '', '/upota?' + params.toString());
    }
    var t = 0;
    form.addEventListener('input', function () { window.clearTimeout(t); t = window.setTimeout(update, 250); });
    form.addEventListener('change', function () { window.clearTimeout(t); t = window.setTimeout(update, 50); });
    form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
    var copy = $('.js-copy');
    if (copy) {
      copy.hidden = false;
      copy.addEventListener('click', function () {
        var status = $('.copy-status');
        function done() { if (status) status.textContent = copy.getAttribute('data-msg-copied') || ''; }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(snippet.value).then(done, function () { snippet.select(); doc.execCommand('copy'); done(); });
        } else { snippet.select(); doc.execCommand('copy'); done(); }
      });
    }
  }

  if (isResults) {
    history.replaceState({ url: window.location.href }, '', window.location.href);
    enhanceResults();
  } else {
    enhanceSearchForms();
  }
  enhanceEmbed();
})();
