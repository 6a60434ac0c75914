import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { BULK_HEAD_HEADER, bulkTextChannels, IPC_PATH_PREFIX, type Result } from '../../preload/contract';
import { AppError } from '../ipc/app-error';
import type { Router } from '../ipc/router';
import { rendererSecurityHeaders } from '../security/csp';
import { readStaticFile } from '../security/static-files';
import { checkHost, checkIpcRequest, createLaunchSecret } from './request-guard';
import { decodeChannel, parseRequestTarget } from './request-target';

/** The browser shell's sender: the request guard already ran; the router only sees verified calls. */
export interface BrowserSender {
  verified: boolean;
}

export const browserSenderPolicy = (sender: BrowserSender): string | null =>
  sender.verified ? null : 'the request failed the browser shell’s checks';

export interface BrowserServerOptions {
  router: Router<BrowserSender>;
  rendererDir: string;
  port?: number;
  secret?: string;
  maxBodyBytes?: number;
  /** Where failures no caller is told about are reported (a handler bug, a failed accept). */
  onInternalError?: (error: unknown) => void;
  /**
   * Origins the renderer may frame (the widget preview host), read per response so the CSP follows
   * the host once it runs. Absent or empty: `frame-src 'none'`.
   */
  frameSources?: () => readonly string[];
}

export interface BrowserServer {
  readonly port: number;
  readonly origin: string;
  /** The URL to open: the secret rides in the fragment, which browsers never send to a server. */
  readonly launchUrl: string;
  readonly secret: string;
  close(): Promise<void>;
}

const ignore = (): void => undefined;

/** Whether a response can still be started: nothing sent yet and the client still connected. */
function canAnswer(res: http.ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  if (!canAnswer(res)) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * A Result whose value carries a bulk text member (a catalog): the envelope as JSON with "" in its
 * place, then the text's raw bytes. JSON-escaping 36 MB here and unescaping it in the page cost more
 * than the parse that follows; raw, the page hands the bytes to its worker as a Blob.
 */
function sendWithBulkText(res: http.ServerResponse, result: Result<unknown>, key: string): void {
  const value = result.ok && typeof result.value === 'object' && result.value !== null ? (result.value as Record<string, unknown>) : null;
  const text = value?.[key];
  if (!(typeof text === 'string' || text instanceof Uint8Array) || !canAnswer(res)) return sendJson(res, 200, result);
  const head = Buffer.from(JSON.stringify({ ...result, value: { ...value, [key]: '' } }));
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': head.length + body.length,
    [BULK_HEAD_HEADER]: String(head.length),
  });
  res.write(head);
  res.end(body);
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}): void {
  if (!canAnswer(res)) return;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function refusal(code: 'forbidden_sender' | 'invalid_input' | 'internal', message: string): Result<never> {
  return { ok: false, error: new AppError(code, message).toShape() };
}

/** The client hung up before its body ended: nobody is left to answer, and it is not our failure. */
class ClientGoneError extends Error {}

/** Reads the body, or null past `limit` (the rest is drained, not read into memory, so the 413 still reaches the caller). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => reject(new ClientGoneError('The request body failed.', { cause: error })));
    // 'close' also follows a normal 'end', when the promise is already settled and this is a no-op;
    // before 'end' it means the client left mid-body, which must not leave the call pending forever.
    req.on('close', () => reject(new ClientGoneError('The client closed the connection before the body ended.')));
  });
}

/**
 * The status Node itself would send for bytes its parser refuses; every other parse error is a
 * plain 400 (bad method token, bad characters, a body cut short by the client closing).
 */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** A complete answer written straight onto a socket that has no ServerResponse, then the socket is closed. */
function answerRawAndClose(socket: Duplex, status: number): void {
  // Past the parser the socket is ours alone: its late errors (a reset) need a listener or they end the process.
  socket.on('error', ignore);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const secret = options.secret ?? createLaunchSecret();
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  let port = 0;
  // The response currently being written on each connection, so a parse error arriving on the same
  // keep-alive socket never splices a second status line into an answer already under way.
  const inFlight = new WeakMap<Duplex, http.ServerResponse>();

  const reportInternal = (error: unknown) => {
    try {
      options.onInternalError?.(error);
    } catch {
      // a failing reporter must not turn one failure into two
    }
  };

  const bulkKeys = bulkTextChannels();

  const handleIpc = async (req: http.IncomingMessage, res: http.ServerResponse, encodedChannel: string) => {
    const verdict = checkIpcRequest(req.headersDistinct, port, secret);
    if (!verdict.ok) return sendJson(res, verdict.status, refusal('forbidden_sender', `Call refused: ${verdict.reason}.`));
    if (req.method !== 'POST') return sendJson(res, 405, refusal('invalid_input', 'IPC calls use POST.'), { Allow: 'POST' });
    const channel = decodeChannel(encodedChannel);
    if (channel === null) {
      return sendJson(res, 400, refusal('invalid_input', 'The channel in the path is not valid percent-encoded UTF-8.'));
    }
    const raw = await readBody(req, maxBody);
    if (raw === null) return sendJson(res, 413, refusal('invalid_input', `The request is larger than ${maxBody} bytes.`));
    let envelope: unknown;
    try {
      envelope = raw.length === 0 ? {} : JSON.parse(raw);
    } catch {
      return sendJson(res, 400, refusal('invalid_input', 'The request body is not JSON.'));
    }
    const input = typeof envelope === 'object' && envelope !== null ? (envelope as { input?: unknown }).input : undefined;
    const result = await options.router.dispatch(channel, input, { verified: true });
    const bulkKey = bulkKeys.get(channel);
    if (bulkKey !== undefined) return sendWithBulkText(res, result, bulkKey);
    sendJson(res, 200, result);
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = await readStaticFile(options.rendererDir, pathname);
    if (!file) return sendText(res, 404, 'Not found');
    if (!canAnswer(res)) return;
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': pathname === '/' || pathname.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
      ...rendererSecurityHeaders({ frameSources: options.frameSources?.() ?? [] }),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const handleRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Host first, before the target is even read: a DNS-rebinding page gets only this refusal.
    const host = checkHost(req.headersDistinct, port);
    if (!host.ok) return sendText(res, host.status, `Refused: ${host.reason}.`);
    const pathname = parseRequestTarget(req.url);
    if (pathname === null) return sendText(res, 400, 'Bad request target: expected a path such as /index.html.');
    if (pathname.startsWith(IPC_PATH_PREFIX)) return handleIpc(req, res, pathname.slice(IPC_PATH_PREFIX.length));
    return handleStatic(req, res, pathname);
  };

  /**
   * The one guard every request runs in. Whatever handling throws, synchronously or later, ends up
   * here: the caller gets a 500 when nothing was sent yet, else the connection is cut. A request
   * must never be able to end the console, whatever its bytes.
   */
  const guarded = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // A write after the client left surfaces as an 'error' event; unheard, it would end the process.
    res.on('error', ignore);
    const socket = req.socket;
    inFlight.set(socket, res);
    res.on('close', () => {
      if (inFlight.get(socket) === res) inFlight.delete(socket);
    });
    try {
      await handleRequest(req, res);
    } catch (error) {
      if (canAnswer(res)) sendJson(res, 500, refusal('internal', 'The console could not handle the request.'));
      else res.destroy();
      if (!(error instanceof ClientGoneError)) reportInternal(error);
    }
  };

  const server = http.createServer((req, res) => {
    // Only a throw from the guard's own catch block lands here; cutting the connection is all that is left.
    guarded(req, res).catch(() => res.destroy());
  });

  // Bytes Node's parser refuses (an unknown method, bad characters, oversize headers, a body cut
  // short) never reach the listener above. Answer them like Node would, then close the socket.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const started = inFlight.get(socket)?.headersSent ?? false;
    if (error.code === 'ECONNRESET' || started) {
      socket.on('error', ignore);
      socket.destroy();
      return;
    }
    answerRawAndClose(socket, clientErrorStatus(error.code));
  });

  // CONNECT asks us to act as a proxy. Without a listener Node drops the socket silently; refuse it
  // with a status like every other method we do not serve.
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => answerRawAndClose(socket, 405));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After start, server errors come from accepting connections (too many open files, say): report
  // them and keep serving instead of letting an unheard 'error' event end the process.
  server.on('error', reportInternal);
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    secret,
    launchUrl: `${origin}/#secret=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
