import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createCore } from '../../main/core';
import type { Result } from '../../preload/contract';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

// Shared by the drafts-* tests: a core whose Sandbox profile points at a given URL with a drafts folder
// from EMBEDDED_CONSOLE_DRAFTS_DIR, and a proxy that records every request on the wire.

export interface WireRecord {
  method: string;
  path: string;
  body: unknown;
}

export async function startRecordingProxy(target: string) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const records: WireRecord[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown = undefined;
      try {
        body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        body = raw.toString('utf8');
      }
      records.push({ method: req.method ?? '', path: req.url ?? '', body });
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      out.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    records,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback URL nothing listens on: the API is unreachable. */
export async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function draftsCore(url: string, draftsDir: string, userDataDir = tempDir('ec-drafts-ud-')) {
  const core = createCore({ shell: 'browser', userDataDir, draftsDir, keytarLoader: memoryKeytar(), sandboxHost: { url: async () => url, regionOf: () => null, stop: async () => undefined } });
  const router = core.createRouter(() => null);
  const call = (channel: string, input?: unknown): Promise<Result<unknown>> => router.dispatch(channel, input, {});
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
  return { core, call, value, userDataDir };
}
