// Stand-in for the Airbyte Embedded widget (contract §10.6), served by the sandbox on its own origin.
// It speaks the real widget's postMessage protocol with the host page and calls only public
// endpoints with the scoped token it is handed. It never posts to "*".
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var workspaceId = params.get('workspaceId');
  var allowedOrigin = params.get('allowedOrigin');
  var sourceTags = params.getAll('sourceTemplateTag');
  var sourceMode = params.get('sourceTemplateTagsMode') || 'any';
  var connectionTags = params.getAll('connectionTemplateTag');
  var connectionMode = params.get('connectionTemplateTagsMode') || 'any';

  var statusEl = document.getElementById('status');
  var errorEl = document.getElementById('error');
  var content = document.getElementById('content');

  function status(text) { statusEl.textContent = text; }
  function showError(text) { errorEl.hidden = false; errorEl.textContent = text; }
  function clearError() { errorEl.hidden = true; errorEl.textContent = ''; }

  if (!workspaceId || !allowedOrigin) {
    showError('This widget URL is missing ' + (!workspaceId ? 'workspaceId' : 'allowedOrigin') + '; nothing was sent to the host page.');
    return;
  }

  var token = null;
  var waiting = [];

  function post(message) { window.parent.postMessage(message, allowedOrigin); }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== allowedOrigin) return;
    var data = event.data;
    if (data && typeof data === 'object' && typeof data.scopedAuthToken === 'string') {
      token = data.scopedAuthToken; // a newer token replaces the old one
      waiting.splice(0).forEach(function (resolve) { resolve(token); });
    }
  });

  function requestToken(timeoutMs) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('The host page did not send a token.')); }, timeoutMs || 10000);
      waiting.push(function (t) { clearTimeout(timer); resolve(t); });
      post('auth_token_request');
    });
  }

  function TokenExpired() { this.message = 'Your session token expired. Close and reopen the widget.'; }

  function api(path, init, retried) {
    init = init || {};
    var headers = { Authorization: 'Bearer ' + token };
    if (init.body) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: init.method || 'GET', headers: headers, body: init.body }).then(function (res) {
      if (res.status === 401 && !retried) return requestToken().then(function () { return api(path, init, true); });
      if (res.status === 401) throw new TokenExpired();
      return res.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch { body = text; }
        if (!res.ok) throw new Error(messageOf(body, res.status));
        return body;
      });
    });
  }

  function messageOf(body, statusCode) {
    if (body && typeof body.detail === 'string') return body.detail;
    if (body && Array.isArray(body.detail)) {
      return body.detail.map(function (d) { return (d.loc || []).filter(function (p) { return p !== 'body'; }).join('.') + ': ' + d.msg; }).join('; ');
    }
    if (body && typeof body.message === 'string') return body.message;
    return 'Request failed with status ' + statusCode;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), attrs[key]);
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function templateQuery() {
    var q = new URLSearchParams();
    sourceTags.forEach(function (t) { q.append('tags', t); });
    q.set('tags_mode', sourceMode);
    return '/api/v1/integrations/templates/sources?' + q.toString();
  }

  function showTemplates(templates) {
    content.replaceChildren();
    if (templates.length === 0) {
      content.appendChild(el('p', { text: 'No source templates match this widget’s filter.' }));
      return;
    }
    var list = el('ul', { class: 'templates', 'aria-label': 'Source templates' });
    templates.forEach(function (t) {
      list.appendChild(el('li', {}, [
        el('button', { type: 'button', onclick: function () { openTemplate(t.id); } }, [
          el('span', { text: t.name }),
          el('span', { class: 'tags', text: (t.tags || []).join(', ') }),
        ]),
      ]));
    });
    content.appendChild(list);
  }

  function fieldsFor(spec, defaults, prefix) {
    var props = (spec && spec.properties) || {};
    var required = (spec && spec.required) || [];
    var nodes = [];
    Object.keys(props).forEach(function (key) {
      if (defaults && Object.prototype.hasOwnProperty.call(defaults, key) && typeof defaults[key] !== 'object') return;
      var prop = props[key];
      var name = prefix ? prefix + '.' + key : key;
      var label = (prop.title || key) + (required.indexOf(key) >= 0 ? ' *' : '');
      if (prop.type === 'object' && prop.properties) {
        var inner = fieldsFor(prop, defaults && defaults[key], name);
        if (inner.length) nodes.push(el('fieldset', {}, [el('legend', { text: label })].concat(inner)));
        return;
      }
      var input;
      if (prop.type === 'boolean') input = el('input', { type: 'checkbox', name: name, 'data-kind': 'boolean' });
      else if (prop.enum) {
        input = el('select', { name: name }, [el('option', { value: '', text: '—' })].concat(prop.enum.map(function (v) { return el('option', { value: v, text: v }); })));
      } else {
        input = el('input', {
          name: name,
          type: prop.airbyte_secret ? 'password' : prop.type === 'integer' || prop.type === 'number' ? 'number' : 'text',
          'data-kind': prop.type || 'string',
          autocomplete: 'off',
        });
        if (prop.type === 'array') input.setAttribute('placeholder', 'comma-separated');
      }
      if (required.indexOf(key) >= 0 && prop.type !== 'boolean') input.setAttribute('aria-required', 'true');
      nodes.push(el('label', {}, [el('span', { text: label }), input]));
    });
    return nodes;
  }

  function readForm(form) {
    var config = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.name === 'name') return;
      var kind = input.getAttribute('data-kind');
      var value;
      if (kind === 'boolean') value = input.checked;
      else if (input.value === '') return;
      else if (kind === 'integer' || kind === 'number') value = Number(input.value);
      else if (kind === 'array') value = input.value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
      else value = input.value;
      var path = input.name.split('.');
      var node = config;
      path.slice(0, -1).forEach(function (p) { node = node[p] = node[p] || {}; });
      node[path[path.length - 1]] = value;
    });
    return config;
  }

  var templatesById = {};

  function openTemplate(id) {
    clearError();
    var t = templatesById[id];
    if (!t) return fail(new Error('That template is no longer available.'));
    // The spec and defaults come from the sandbox's x_sandbox_* list fields (sandbox extension).
    renderForm(t, t.x_sandbox_user_config_spec ? t.x_sandbox_user_config_spec.connectionSpecification : null);
  }

  function renderForm(t, spec) {
    status('');
    content.replaceChildren();
    var form = el('form', { 'aria-label': 'Configure ' + t.name });
    form.appendChild(el('label', {}, [el('span', { text: 'Source name *' }), el('input', { name: 'name', value: t.name + ' source', 'aria-required': 'true' })]));
    fieldsFor(spec, t.x_sandbox_partial_default_config || {}, '').forEach(function (node) { form.appendChild(node); });
    form.appendChild(el('div', {}, [
      el('button', { type: 'submit', text: 'Create source' }),
      el('button', { type: 'button', text: 'Back', onclick: function () { start(); } }),
    ]));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearError();
      status('Creating source…');
      var body = {
        name: form.elements.namedItem('name').value,
        source_template_id: t.id,
        workspace_id: workspaceId,
        source_config: readForm(form),
        selected_connection_template_tags: connectionTags,
        selected_connection_template_tags_mode: connectionMode,
      };
      api('/api/v1/embedded/sources', { method: 'POST', body: JSON.stringify(body) }).then(function (source) {
        status('Source “' + source.name + '” created.');
        post({ type: 'end_user_action_result', message: 'source_created', data: source });
      }).catch(function (error) {
        var message = error instanceof TokenExpired ? 'token expired' : error.message;
        showError(message);
        status('');
        post({ type: 'end_user_action_result', message: 'source_create_error', error: new Error(message) });
      });
    });
    content.appendChild(form);
    var first = form.querySelector('input');
    if (first) first.focus();
  }

  function fail(error) {
    status('');
    showError(error instanceof TokenExpired ? 'token expired' : error.message);
  }

  function start() {
    clearError();
    status('Loading source templates…');
    api('/api/v1/embedded/scoped-token/info').then(function (info) {
      if (info.workspace_id !== workspaceId) throw new Error('The token is for another workspace than this widget.');
      return api(templateQuery());
    }).then(function (list) {
      status('');
      templatesById = {};
      (list.data || []).forEach(function (t) { templatesById[t.id] = t; });
      showTemplates(list.data || []);
    }).catch(fail);
  }

  document.getElementById('close').addEventListener('click', function () { post('CLOSE_DIALOG'); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-debug]'), function (button) {
    button.addEventListener('click', function () {
      var kind = button.getAttribute('data-debug');
      if (kind === 'source_updated') post({ type: 'end_user_action_result', message: 'source_updated', data: { id: 'debug', name: 'Debug source', replication_config: { password: '**********' } } });
      else post({ type: 'end_user_action_result', message: kind, error: new Error('Debug ' + kind + ' from the sandbox widget') });
    });
  });

  status('Waiting for the host page…');
  requestToken().then(start, fail);
})();
