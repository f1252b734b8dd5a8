// Search box autocomplete: products, categories and popular queries from /api/v1/search/suggest.
// Progressive enhancement: without this script the box is a plain GET form. ARIA combobox pattern.
(function () {
  var input = document.getElementById('q');
  if (!input || !window.fetch) { return; }
  var lang = document.documentElement.lang || 'en';
  var list = document.createElement('ul');
  list.id = 'q-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');
  var timer = null, active = -1, seq = 0;

  function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }
  function option(text, href, kind) {
    var li = document.createElement('li');
    li.setAttribute('role', 'option');
    li.id = 'q-opt-' + list.children.length;
    li.className = 'suggestion ' + kind;
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    li.appendChild(a);
    list.appendChild(li);
  }
  function render(data) {
    list.textContent = '';
    data.queries.forEach(function (q) { option(q, '/' + lang + '/search?q=' + encodeURIComponent(q), 'query'); });
    data.categories.forEach(function (c) { option(c.name, c.url, 'category'); });
    data.products.forEach(function (p) { option(p.name, p.url, 'product'); });
    if (list.children.length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } else { close(); }
  }
  function move(delta) {
    var items = list.children;
    if (!items.length) { return; }
    if (active >= 0) { items[active].removeAttribute('aria-selected'); }
    active = (active + delta + items.length) % items.length;
    items[active].setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', items[active].id);
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { close(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch('/api/v1/search/suggest?limit=5&locale=' + encodeURIComponent(lang) + '&q=' + encodeURIComponent(text))
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) { if (d && mine === seq) { render(d); } })
        .catch(close);
    }, 150);
  });
  input.addEventListener('keydown', function (e) {
    if (list.hidden) { return; }
    if (e.key === 'ArrowDown') { move(1); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { move(-1); e.preventDefault(); }
    else if (e.key === 'Escape') { close(); }
    else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); window.location = list.children[active].firstChild.href; }
  });
  input.addEventListener('blur', function () { setTimeout(close, 200); });
})();
