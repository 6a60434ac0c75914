import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IPC_PATH_PREFIX, type Result } from '../../preload/contract';
import { AppError } from '../ipc/app-error';
import type { Router } from '../ipc/router';
import { rendererSecurityHeaders } from '../security/csp';
import { readStaticFile } from '../security/static-files';
import { checkHost, checkIpcRequest, createLaunchSecret } from './request-guard';

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
}

export interface BrowserServer {
  readonly port: number;
  readonly origin: string;
  /** The URL to open: the secret rides in the fragment, which browsers never send to a server. */
  readonly launchUrl: string;
  readonly secret: string;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function refusal(code: 'forbidden_sender' | 'invalid_input', message: string): Result<never> {
  return { ok: false, error: new AppError(code, message).toShape() };
}

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
    req.on('error', reject);
  });
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const secret = options.secret ?? createLaunchSecret();
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  let port = 0;

  const handleIpc = async (req: http.IncomingMessage, res: http.ServerResponse, channel: string) => {
    const verdict = checkIpcRequest(req.headers, port, secret);
    if (!verdict.ok) return sendJson(res, verdict.status, refusal('forbidden_sender', `Call refused: ${verdict.reason}.`));
    if (req.method !== 'POST') return sendJson(res, 405, refusal('invalid_input', 'IPC calls use POST.'));
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
    sendJson(res, 200, result);
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readStaticFile(options.rendererDir, pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': pathname === '/' || pathname.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
      ...rendererSecurityHeaders(),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = http.createServer((req, res) => {
    const host = checkHost(req.headers, port);
    if (!host.ok) {
      res.writeHead(host.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Refused: ${host.reason}.`);
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const work = pathname.startsWith(IPC_PATH_PREFIX)
      ? handleIpc(req, res, decodeURIComponent(pathname.slice(IPC_PATH_PREFIX.length)))
      : handleStatic(req, res, pathname);
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, refusal('invalid_input', 'The console could not handle the request.'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
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
