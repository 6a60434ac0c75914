import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkHost } from '../../shell/request-guard';
import { parseRequestTarget } from '../../shell/request-target';
import { APP_ORIGIN } from '../../security/app-scheme';
import { PREVIEW_CSS, PREVIEW_HTML, PREVIEW_SCRIPT } from './preview-page';

/**
 * The preview host (contract §10.5): a small HTTP server on a loopback port of its own, so the
 * widget's `allowed_origin` is a page that holds nothing but the preview (not the console's renderer,
 * not the browser shell's origin, not `app://`). Any web page the user visits can reach this port,
 * so it is built like the browser shell: one guard per request that always answers and never throws,
 * Host checked first, the request target read by a total function, then per-preview checks.
 *
 * Each preview has an unguessable id (in the path) and key (in the URL fragment, sent back by the
 * page in a header). Its page gets tokens by long-polling `POST /preview/<id>/state` and reports what
 * it sees to `POST /preview/<id>/events`; both need the page's own Origin and the key, and a JSON
 * content type, so no other origin can even send them without a CORS preflight we never grant.
 */

export interface PreviewState {
  /** The inner scoped token: all the page ever gets. */
  token: string;
  widgetUrl: string;
  widgetOrigin: string;
  /** Why this version was published (shown in the page's log), e.g. "scheduled refresh". */
  reason: string | null;
}

export interface PageEvent {
  at: string;
  direction: 'in' | 'out' | 'host' | 'ignored';
  type: string;
  payload: unknown;
  note: string | null;
}

export interface PreviewCallbacks {
  /** The page's reports, already bounded; the callback redacts and stores them. */
  onEvents(events: PageEvent[]): Promise<void> | void;
  /** The widget asked for a token again after one was refused: mint a fresh one and publish it. */
  onRenew(): Promise<void> | void;
}

export interface PreviewHandle {
  readonly id: string;
  /** The page's address, with its key in the fragment. */
  readonly url: string;
  publish(state: PreviewState): void;
  close(): void;
}

export interface PreviewHost {
  readonly origin: string;
  readonly port: number;
  open(callbacks: PreviewCallbacks): PreviewHandle;
  /** Allow another page to frame previews (frame-ancestors), e.g. the browser shell's origin. */
  allowEmbedder(origin: string): void;
  close(): Promise<void>;
}

export interface PreviewHostOptions {
  /** How long a state poll waits for a change before answering "no change". */
  pollTimeoutMs?: number;
  onInternalError?: (error: unknown) => void;
}

interface Preview {
  id: string;
  keyHash: Buffer;
  version: number;
  state: PreviewState | null;
  closed: boolean;
  waiters: Set<() => void>;
  callbacks: PreviewCallbacks;
}

const MAX_BODY = 256 * 1024;
const MAX_WAITERS = 8;
const MAX_EVENTS_PER_REPORT = 100;
const KEY_HEADER = 'x-preview-key';
const PAGE_PATH = /^\/preview\/([a-f0-9]{32})(\/state|\/events|\/renew)?$/;
const ignore = (): void => undefined;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

class ClientGone extends Error {}

function canAnswer(res: http.ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

function send(res: http.ServerResponse, status: number, body: string, contentType: string, headers: http.OutgoingHttpHeaders = {}): void {
  if (!canAnswer(res)) return;
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
}

const text = (res: http.ServerResponse, status: number, message: string, headers?: http.OutgoingHttpHeaders) => send(res, status, message, 'text/plain; charset=utf-8', headers);
const json = (res: http.ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');

function single(value: string | string[] | undefined): string | undefined {
  if (!Array.isArray(value)) return value;
  return value.length === 1 ? value[0] : undefined;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => reject(new ClientGone()));
    req.on('close', () => reject(new ClientGone()));
  });
}

function parseJson(raw: string): unknown {
  try {
    return raw.length === 0 ? {} : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** The page's reports, bounded and shaped; anything malformed is dropped, not trusted. */
function pageEvents(body: unknown): PageEvent[] | null {
  const list = typeof body === 'object' && body !== null ? (body as { events?: unknown }).events : undefined;
  if (!Array.isArray(list)) return null;
  const directions = new Set(['in', 'out', 'host', 'ignored']);
  const out: PageEvent[] = [];
  for (const item of list.slice(0, MAX_EVENTS_PER_REPORT)) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Record<string, unknown>;
    if (typeof e.direction !== 'string' || !directions.has(e.direction) || typeof e.type !== 'string') continue;
    out.push({
      at: typeof e.at === 'string' && !Number.isNaN(Date.parse(e.at)) ? new Date(Date.parse(e.at)).toISOString() : new Date().toISOString(),
      direction: e.direction as PageEvent['direction'],
      type: e.type.slice(0, 100),
      payload: e.payload ?? null,
      note: typeof e.note === 'string' ? e.note.slice(0, 1000) : null,
    });
  }
  return out;
}

function answerRawAndClose(socket: Duplex, status: number): void {
  socket.on('error', ignore);
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startPreviewHost(options: PreviewHostOptions = {}): Promise<PreviewHost> {
  const pollTimeoutMs = options.pollTimeoutMs ?? 25_000;
  const previews = new Map<string, Preview>();
  const embedders = new Set<string>([APP_ORIGIN]);
  let port = 0;
  let origin = '';

  const reportInternal = (error: unknown) => {
    try {
      options.onInternalError?.(error);
    } catch {
      // a failing reporter must not turn one failure into two
    }
  };

  const pageHeaders = (preview: Preview): http.OutgoingHttpHeaders => {
    const frames = preview.state ? preview.state.widgetOrigin : "'none'";
    return {
      'Content-Security-Policy': [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        `frame-src ${frames}`,
        "child-src 'none'",
        "worker-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors 'self' ${[...embedders].join(' ')}`,
      ].join('; '),
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), display-capture=()',
    };
  };

  /** A call from the page itself: its Origin, its key, JSON. Answers a refusal or null. */
  const refuseCall = (req: http.IncomingMessage, preview: Preview): [number, string] | null => {
    if (req.method !== 'POST') return [405, 'Preview calls use POST.'];
    if (single(req.headersDistinct.origin) !== origin) return [403, 'Refused: the call does not come from the preview page.'];
    const key = single(req.headersDistinct[KEY_HEADER]);
    if (!key || !timingSafeEqual(sha256(key), preview.keyHash)) return [401, 'Refused: the preview key is missing or wrong.'];
    const type = single(req.headersDistinct['content-type']) ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) return [415, 'Preview calls send JSON.'];
    return null;
  };

  const stateOf = (preview: Preview) =>
    preview.closed || !preview.state
      ? { version: preview.version, closed: preview.closed }
      : { version: preview.version, closed: false, token: preview.state.token, widgetUrl: preview.state.widgetUrl, widgetOrigin: preview.state.widgetOrigin, reason: preview.state.reason };

  const pollState = async (req: http.IncomingMessage, res: http.ServerResponse, preview: Preview) => {
    const body = parseJson((await readBody(req, 1024)) ?? '');
    const since = typeof body === 'object' && body !== null ? (body as { since?: unknown }).since : undefined;
    const seen = typeof since === 'number' && Number.isInteger(since) ? since : -1;
    if (preview.closed || preview.version > seen) return json(res, 200, stateOf(preview));
    // Too many open polls for one preview (a runaway or hostile page): the oldest is answered now.
    if (preview.waiters.size >= MAX_WAITERS) [...preview.waiters][0]?.();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        preview.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollTimeoutMs);
      timer.unref?.();
      preview.waiters.add(done);
      res.on('close', done);
    });
    json(res, 200, stateOf(preview));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = checkHost(req.headersDistinct, port);
    if (!host.ok) return text(res, host.status, `Refused: ${host.reason}.`);
    const pathname = parseRequestTarget(req.url);
    if (pathname === null) return text(res, 400, 'Bad request target.');
    if (pathname === '/preview.js' || pathname === '/preview.css') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      const js = pathname === '/preview.js';
      return send(res, 200, req.method === 'HEAD' ? '' : js ? PREVIEW_SCRIPT : PREVIEW_CSS, js ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
    }
    const match = PAGE_PATH.exec(pathname);
    const preview = match ? previews.get(match[1] ?? '') : undefined;
    if (!match || !preview) return text(res, 404, 'Not found');
    const action = match[2];
    if (!action) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return send(res, 200, req.method === 'HEAD' ? '' : PREVIEW_HTML, 'text/html; charset=utf-8', pageHeaders(preview));
    }
    const refused = refuseCall(req, preview);
    if (refused) return text(res, refused[0], refused[1]);
    if (action === '/state') return pollState(req, res, preview);
    const raw = await readBody(req, MAX_BODY);
    if (raw === null) return text(res, 413, `Reports are limited to ${MAX_BODY} bytes.`);
    if (preview.closed) return json(res, 410, { closed: true });
    if (action === '/renew') {
      json(res, 202, { renewing: true });
      await preview.callbacks.onRenew();
      return;
    }
    const events = pageEvents(parseJson(raw));
    if (!events) return text(res, 400, 'Expected {"events": [...]}.');
    await preview.callbacks.onEvents(events);
    json(res, 200, { accepted: events.length });
  };

  const guarded = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.on('error', ignore);
    try {
      await handle(req, res);
    } catch (error) {
      if (canAnswer(res)) text(res, 500, 'The preview host could not handle the request.');
      else if (!res.writableEnded) res.destroy();
      if (!(error instanceof ClientGone)) reportInternal(error);
    }
  };

  const server = http.createServer((req, res) => {
    guarded(req, res).catch(() => res.destroy());
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET') {
      socket.on('error', ignore);
      socket.destroy();
      return;
    }
    answerRawAndClose(socket, error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400);
  });
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => answerRawAndClose(socket, 405));
  server.on('upgrade', (_req: http.IncomingMessage, socket: Duplex) => answerRawAndClose(socket, 400));
  server.requestTimeout = 60_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', reportInternal);
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  const wake = (preview: Preview) => {
    for (const done of [...preview.waiters]) done();
  };

  return {
    origin,
    port,
    allowEmbedder: (value: string) => void embedders.add(value),
    open(callbacks: PreviewCallbacks): PreviewHandle {
      const id = randomBytes(16).toString('hex');
      const key = randomBytes(32).toString('base64url');
      const preview: Preview = { id, keyHash: sha256(key), version: 0, state: null, closed: false, waiters: new Set(), callbacks };
      previews.set(id, preview);
      return {
        id,
        url: `${origin}/preview/${id}#k=${key}`,
        publish(state: PreviewState) {
          if (preview.closed) return;
          preview.state = { ...state };
          preview.version++;
          wake(preview);
        },
        close() {
          if (preview.closed) return;
          preview.closed = true;
          preview.state = null;
          preview.version++;
          wake(preview);
          // Late reports and page loads of a closed preview get 404 once the final answer went out.
          setTimeout(() => previews.delete(id), 5_000).unref?.();
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const preview of previews.values()) {
          preview.closed = true;
          wake(preview);
        }
        previews.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
