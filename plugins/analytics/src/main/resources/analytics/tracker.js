/* Brique analytics tracker: page views, product views and clicks on recommendations and search results,
   sent in batches with navigator.sendBeacon. No dependency. In audience mode it keeps nothing in the
   browser (no cookie, no storage); in consented mode, and only once the shop signals consent, a
   first-party visitor id in localStorage. Do Not Track / Global Privacy Control: no id, ever. */
(function () {
  'use strict';
  var tag = document.currentScript || document.querySelector('script[data-brique-analytics]');
  if (!tag || window.__briqueAnalytics) { return; }
  window.__briqueAnalytics = true;
  var endpoint = tag.getAttribute('data-endpoint');
  var optedOut = navigator.doNotTrack === '1' || window.doNotTrack === '1' || navigator.globalPrivacyControl === true;
  function consented() {
    if (tag.getAttribute('data-mode') !== 'consented' || optedOut) { return false; }
    return window.briqueConsent === true || /(?:^|;\s*)brique_consent=[^;]*analytics/.test(document.cookie);
  }
  function visitorId() {
    try {
      var id = localStorage.getItem('brique_aid');
      if (!id) {
        id = Date.now().toString(36) + '.' + Math.random().toString(36).slice(2, 12);
        localStorage.setItem('brique_aid', id);
      }
      return id;
    } catch (e) { return null; }
  }
  var queue = [];
  var timer = null;
  function flush() {
    if (timer) { clearTimeout(timer); timer = null; }
    while (queue.length) {
      var batch = { events: queue.splice(0, 20) };
      if (consented()) { batch.consent = true; var id = visitorId(); if (id) { batch.client_id = id; } }
      var body = JSON.stringify(batch);
      var sent = false;
      if (navigator.sendBeacon) {
        try { sent = navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' })); } catch (e) { sent = false; }
      }
      if (!sent && window.fetch) {
        fetch(endpoint, { method: 'POST', body: body, keepalive: true, credentials: 'same-origin',
          headers: { 'Content-Type': 'text/plain' } }).catch(function () {});
      }
    }
  }
  function send(name, params, items) {
    var e = { name: name, params: params || {} }; // server time: client clocks drift
    if (items) { e.items = items; }
    queue.push(e);
    if (queue.length >= 20) { flush(); } else if (!timer) { timer = setTimeout(flush, 5000); }
  }
  send('page_view', { page_location: location.href, page_referrer: document.referrer || undefined });
  var product = tag.getAttribute('data-product');
  if (product) { send('view_item', { page_location: location.href }, [{ item_id: product }]); }
  var cart = tag.getAttribute('data-cart');
  var page = tag.getAttribute('data-page');
  if (cart && page === 'commerce/cart') { send('view_cart', { page_location: location.href, cart: cart }); }
  if (cart && page === 'commerce/checkout') { send('begin_checkout', { page_location: location.href, cart: cart }); }
  document.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest('a[href]') : null;
    if (!a) { return; }
    var list = a.closest('[data-analytics-list]');
    if (!list) { return; }
    var item = a.closest('[data-product-id]');
    var id = item ? item.getAttribute('data-product-id') : a.getAttribute('href');
    send('select_item', { page_location: location.href, item_list_name: list.getAttribute('data-analytics-list') },
      [{ item_id: String(id).slice(0, 64) }]);
    flush();
  }, true);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') { flush(); } });
  window.addEventListener('pagehide', flush);
})();
