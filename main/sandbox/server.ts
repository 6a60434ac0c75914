import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp, MAX_BODY } from './app';
import { loadState, saveStateSoon, type PersistenceHandle } from './persistence';
import { createSeed } from './seed';
import type { SandboxState } from './state';
import { SandboxStore } from './store';

export interface SandboxOptions {
  port?: number;
  seed?: 'demo' | 'large';
  /** Folder to keep state in across restarts; default: memory only, fresh seed each start. */
  dataDir?: string;
  /** Enable /__sandbox/ test controls. */
  controls?: boolean;
  /**
   * Origins that may sit above the stand-in widget's framer (frame-ancestors checks every ancestor):
   * a console running the sandbox in-process names the pages that show its preview host.
   */
  widgetFrameAncestors?: () => readonly string[];
}

export interface RunningSandbox {
  readonly url: string;
  readonly port: number;
  readonly store: SandboxStore;
  close(): Promise<void>;
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/;

/** Starts the sandbox on 127.0.0.1 (never another interface). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = options.seed ?? 'demo';
  let persistence: PersistenceHandle | null = null;
  let state: SandboxState = createSeed(seed);
  if (options.dataDir) {
    const loaded = await loadState(options.dataDir, seed);
    state = loaded ?? state;
  }
  const store = new SandboxStore(state, (s) => persistence?.changed(s));
  if (options.dataDir) persistence = saveStateSoon(options.dataDir, seed);
  const app = createSandboxApp({ store, controls: options.controls ?? false, ...(options.widgetFrameAncestors ? { widgetFrameAncestors: options.widgetFrameAncestors } : {}) });
  let base = '';

  const server = http.createServer({ keepAlive: true, keepAliveTimeout: 30_000 }, (req, res) => {
    const host = req.headers.host ?? '';
    // Links we emit (next pages, widget URLs, iss) use the host the client used, if it is loopback.
    const baseUrl = LOOPBACK_HOST.test(host) ? `http://${host}` : base;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) {
        res.writeHead(413, { 'Content-Type': 'application/json' }).end(JSON.stringify({ detail: 'Request Entity Too Large' }));
        return;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
      app(req, res, body, baseUrl).catch((error: unknown) => {
        console.error('[sandbox] request failed', error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"detail":"Internal Server Error"}');
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    port,
    store,
    close: async () => {
      await persistence?.flush();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
