/**
 * The preview host page (contract §10.5), written by hand: the vendor's widget library is licensed
 * only inside Airbyte Embedded, and it accepts a message whose origin *or* source matches, ignores
 * `exp`, never reloads on a new widget URL and leaves the iframe unsandboxed. This page:
 *  - accepts a message only when event.source is the widget iframe's window AND event.origin is the
 *    widget's origin; everything else is logged as ignored;
 *  - posts only to the widget's origin (exact targetOrigin, never "*");
 *  - holds only the inner scoped token, fetched from its own server (same origin, key-checked);
 *  - answers "auth_token_request" (§10.4), posts refreshed tokens unprompted without reloading,
 *    and reloads the iframe only when the widget URL changes (the whole page when its origin does,
 *    so the page's CSP frame-src follows);
 *  - reports every message in and out, and its own doings, to the server's event log.
 * The markup is static: nothing a request carries is interpolated into it.
 */

export const PREVIEW_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Widget preview — Embedded Console</title>
    <link rel="stylesheet" href="/preview.css" />
  </head>
  <body>
    <header>
      <span class="badge">Widget preview</span>
      <p id="status" role="status">Connecting to the console…</p>
      <button id="reopen" type="button" hidden>Open the widget again</button>
    </header>
    <div id="stage" aria-label="Widget"></div>
    <script src="/preview.js"></script>
  </body>
</html>
`;

export const PREVIEW_CSS = `html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; background: #f6f7f9; color: #1b1f24; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: 12px; padding: 6px 12px; border-bottom: 1px solid #d8dde3; background: #fff; }
.badge { font-weight: 600; }
#status { margin: 0; flex: 1; color: #4a5360; }
#status.problem { color: #a3261b; }
#stage { flex: 1; display: flex; }
#stage iframe { flex: 1; border: 0; width: 100%; min-height: 480px; background: #fff; }
@media (prefers-color-scheme: dark) {
  html, body { background: #16181d; color: #e6e8eb; }
  header { background: #1e2127; border-bottom-color: #343a43; }
  #status { color: #a9b1bc; }
  #status.problem { color: #ff8a7a; }
}
`;

/**
 * What the widget iframe may do: run scripts, keep its real origin (without allow-same-origin its
 * messages would arrive from "null" and its API calls would be cross-origin) and submit its forms.
 * No popups, top navigation, modals, downloads or pointer lock.
 */
export const WIDGET_SANDBOX = 'allow-scripts allow-same-origin allow-forms';
/** No powerful feature is delegated to the widget. */
export const WIDGET_ALLOW = "camera 'none'; microphone 'none'; geolocation 'none'; payment 'none'; usb 'none'; serial 'none'; hid 'none'; display-capture 'none'; clipboard-read 'none'";

export const PREVIEW_SCRIPT = `(function () {
  'use strict';
  var SANDBOX = ${JSON.stringify(WIDGET_SANDBOX)};
  var ALLOW = ${JSON.stringify(WIDGET_ALLOW)};
  var SILENT_MS = 15000;
  var match = /^\\/preview\\/([a-f0-9]{32})$/.exec(location.pathname);
  var statusEl = document.getElementById('status');
  var stage = document.getElementById('stage');
  var reopen = document.getElementById('reopen');
  function status(text, problem) { statusEl.textContent = text; statusEl.className = problem ? 'problem' : ''; }
  if (!match) { status('This is not a preview address.', true); return; }
  var id = match[1];
  var base = '/preview/' + id;
  var storageKey = 'preview-key:' + id;
  // The key arrives in the fragment (never sent to a server, never in a Referer) and moves to sessionStorage.
  var fromHash = /^#k=([A-Za-z0-9_-]{20,100})$/.exec(location.hash);
  if (fromHash) {
    try { sessionStorage.setItem(storageKey, fromHash[1]); } catch (e) { /* storage off: keep it in memory */ }
    history.replaceState(null, '', location.pathname);
  }
  var key = fromHash ? fromHash[1] : null;
  if (!key) { try { key = sessionStorage.getItem(storageKey); } catch (e) { key = null; } }
  if (!key) { status('This preview address has lost its key: open it again from the console.', true); return; }

  var frame = null;
  var widgetUrl = null;
  var widgetOrigin = null;
  var token = null; // the inner scoped token only
  var version = 0;
  var requestsThisLoad = 0;
  var wanted = false;
  var silentTimer = null;
  var closed = false;
  var ignoredBudget = 50;

  function call(path, body) {
    return fetch(base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Preview-Key': key },
      body: JSON.stringify(body || {}),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    }).then(function (res) {
      if (!res.ok) throw new Error('The console answered ' + res.status + '.');
      return res.json();
    });
  }

  // A JSON-safe copy for the log: Errors become {name, message}; depth and size are bounded (main redacts again).
  function plain(value, depth) {
    depth = depth || 0;
    if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
    if (typeof value === 'string') return value.length > 4000 ? value.slice(0, 4000) + '…' : value;
    if (value instanceof Error) return { name: value.name, message: String(value.message) };
    if (typeof value !== 'object') return '[' + typeof value + ']';
    if (depth > 10) return '[too deep]';
    if (Array.isArray(value)) return value.slice(0, 200).map(function (v) { return plain(v, depth + 1); });
    var out = {};
    Object.keys(value).slice(0, 200).forEach(function (k) {
      if (k === 'scopedAuthToken') out[k] = '[redacted]';
      else out[k] = plain(value[k], depth + 1);
    });
    return out;
  }

  var outbox = [];
  var flushing = false;
  function report(direction, type, payload, note) {
    outbox.push({ at: new Date().toISOString(), direction: direction, type: type, payload: payload === undefined ? null : plain(payload), note: note || null });
    if (outbox.length > 500) outbox.splice(0, outbox.length - 500);
    flush();
  }
  function flush() {
    if (flushing || outbox.length === 0) return;
    flushing = true;
    var batch = outbox.splice(0, 50);
    call('/events', { events: batch }).catch(function () { /* the console is gone or busy: the log misses these */ }).then(function () {
      flushing = false;
      flush();
    });
  }

  function typeOf(data) {
    if (typeof data === 'string') return data.slice(0, 100);
    if (data && typeof data === 'object' && typeof data.type === 'string') return data.type.slice(0, 100);
    if (data && typeof data === 'object' && 'scopedAuthToken' in data) return 'scopedAuthToken';
    return typeof data;
  }

  function postToken(reason) {
    if (!frame || !frame.contentWindow || !token || !widgetOrigin) return;
    frame.contentWindow.postMessage({ scopedAuthToken: token }, widgetOrigin);
    wanted = false;
    report('out', 'scopedAuthToken', { scopedAuthToken: '[redacted]' }, reason);
  }

  function mount(url, reason) {
    if (silentTimer) clearTimeout(silentTimer);
    stage.replaceChildren();
    reopen.hidden = true;
    requestsThisLoad = 0;
    wanted = false;
    var iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', SANDBOX);
    iframe.setAttribute('allow', ALLOW);
    iframe.setAttribute('referrerpolicy', 'origin');
    iframe.setAttribute('title', 'Airbyte Embedded widget');
    iframe.addEventListener('load', function () { if (iframe === frame) report('host', 'widget_loaded', { widgetUrl: url }); });
    iframe.src = url;
    frame = iframe;
    stage.appendChild(iframe);
    report('host', 'widget_loading', { widgetUrl: url }, reason);
    status('Loading the widget…');
    silentTimer = setTimeout(function () {
      if (iframe !== frame || requestsThisLoad > 0) return;
      var message = 'The widget did not ask for a token within ' + SILENT_MS / 1000 + ' s: it may be unreachable (offline, proxy) or refusing to be framed by this page.';
      status(message, true);
      report('host', 'widget_silent', null, message);
    }, SILENT_MS);
  }

  window.addEventListener('message', function (event) {
    // Both checks, always: the source must be our iframe's window AND the origin the widget's.
    var fromFrame = frame !== null && event.source === frame.contentWindow;
    var fromOrigin = widgetOrigin !== null && event.origin === widgetOrigin;
    if (!fromFrame || !fromOrigin) {
      if (ignoredBudget > 0) {
        ignoredBudget--;
        var why = !fromFrame && !fromOrigin ? 'neither from the widget frame nor from its origin' : !fromFrame ? 'from the widget’s origin but not from the widget frame' : 'from the widget frame but not from the widget’s origin';
        report('ignored', typeOf(event.data), null, 'Ignored a message ' + why + ' (origin ' + String(event.origin).slice(0, 200) + ').');
      }
      return;
    }
    var data = event.data;
    if (data === 'auth_token_request') {
      requestsThisLoad++;
      report('in', 'auth_token_request', null, requestsThisLoad > 1 ? 'asked again: its token was refused' : null);
      status('Widget running.');
      // The first request of a load gets the current token; a repeat means the widget's token was
      // refused (401), so a fresh one is minted first.
      if (requestsThisLoad === 1 && token) postToken('requested');
      else {
        wanted = true;
        call('/renew', {}).catch(function () { status('Could not ask the console for a new token.', true); });
      }
      return;
    }
    if (data === 'CLOSE_DIALOG') {
      report('in', 'CLOSE_DIALOG', null, 'The widget asked to close; it is hidden until reopened.');
      if (silentTimer) clearTimeout(silentTimer);
      stage.replaceChildren();
      frame = null;
      reopen.hidden = false;
      status('The widget was closed.');
      return;
    }
    if (data && typeof data === 'object' && typeof data.type === 'string') {
      var note = null;
      if (data.type === 'end_user_action_result' && /_error$/.test(String(data.message))) {
        var err = data.error;
        note = err && typeof err === 'object' ? String(err.message) : typeof err === 'string' ? err : 'no error message';
      }
      report('in', data.type === 'end_user_action_result' && typeof data.message === 'string' ? data.message : data.type, data, note);
      return;
    }
    report('in', typeOf(data), data, 'A message outside the §10.4 protocol.');
  });

  reopen.addEventListener('click', function () { if (widgetUrl) mount(widgetUrl, 'reopened'); });

  function apply(state) {
    version = state.version;
    if (state.closed) {
      closed = true;
      if (silentTimer) clearTimeout(silentTimer);
      stage.replaceChildren();
      frame = null;
      token = null;
      status('This preview was closed in the console.');
      return;
    }
    if (widgetOrigin !== null && state.widgetOrigin !== widgetOrigin) {
      // frame-src in this page's CSP names the old origin: reload the page to get the new policy.
      report('host', 'page_reload', null, 'The widget moved to another origin.');
      location.reload();
      return;
    }
    var first = widgetUrl === null;
    var moved = !first && state.widgetUrl !== widgetUrl;
    token = state.token;
    widgetOrigin = state.widgetOrigin;
    widgetUrl = state.widgetUrl;
    if (first || moved) {
      mount(widgetUrl, moved ? 'the widget URL changed (workspace, origin or filters)' : null);
      return;
    }
    report('host', 'token_refreshed', null, state.reason || null);
    // Same URL: no reload. Post unprompted once the widget is listening (it asked at least once).
    if (frame && (wanted || requestsThisLoad > 0)) postToken(wanted ? 're-requested' : 'refresh');
  }

  function poll() {
    if (closed) return;
    call('/state', { since: version }).then(function (state) {
      if (state.version > version || state.closed) apply(state);
      poll();
    }, function () {
      status('Lost the connection to the console; retrying…', true);
      setTimeout(poll, 2000);
    });
  }
  poll();
})();
`;
