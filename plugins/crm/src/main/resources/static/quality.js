// Data-quality hints on the shop's registration form (CRM brick): after a field changes, asks
// /api/v1/plugins/crm/quality and shows "Did you mean ...?" under it, with a button to take the fix.
// Only suggestions: nothing is changed without the customer's click.
(function () {
  var script = document.currentScript;
  var endpoint = script.getAttribute('data-endpoint');
  var locale = script.getAttribute('data-locale') || 'en';
  var useText = script.getAttribute('data-use') || 'Use';
  var form = document.querySelector('.register-page form');
  if (!form) return;
  var fields = { email: 'email', firstName: 'givenName', lastName: 'familyName' };
  function hint(input) {
    var id = 'crm-quality-' + input.name;
    var p = document.getElementById(id);
    if (!p) {
      p = document.createElement('p');
      p.id = id;
      p.className = 'crm-quality-hint muted';
      p.setAttribute('aria-live', 'polite');
      input.insertAdjacentElement('afterend', p);
    }
    return p;
  }
  function check() {
    var q = ['locale=' + encodeURIComponent(locale)];
    Object.keys(fields).forEach(function (name) {
      var el = form.elements[name];
      if (el && el.value) q.push(fields[name] + '=' + encodeURIComponent(el.value));
    });
    fetch(endpoint + '?' + q.join('&'), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) {
        Object.keys(fields).forEach(function (name) {
          var el = form.elements[name];
          if (!el) return;
          var s = (data.suggestions || []).filter(function (x) { return x.field === fields[name]; })[0];
          var p = hint(el);
          p.textContent = '';
          if (!s) return;
          p.appendChild(document.createTextNode(s.message + ' '));
          if (s.suggested) {
            var b = document.createElement('button');
            b.type = 'button';
            b.className = 'crm-quality-use';
            b.textContent = useText;
            b.addEventListener('click', function () { el.value = s.suggested; p.textContent = ''; });
            p.appendChild(b);
          }
        });
      })
      .catch(function () { /* hints are optional */ });
  }
  Object.keys(fields).forEach(function (name) {
    var el = form.elements[name];
    if (el) el.addEventListener('change', check);
  });
})();
