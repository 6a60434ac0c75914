import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore } from '../../main/core';
import type { Result } from '../../preload/contract';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

// Shared by the streams-* tests: a core on a given sandbox URL, and a counting proxy in front of the
// sandbox that measures, at the server side, how many stream requests are in flight at once and how
// many times each stream was successfully added.

export type Call = (channel: string, input?: unknown) => Promise<Result<unknown>>;

export interface CountingProxy {
  url: string;
  /** Stream requests (POST/PATCH/DELETE under /streams) in flight now and at most so far. */
  current: number;
  peak: number;
  /** 2xx answers to POST …/streams, per stream name. */
  adds: Map<string, number>;
  resetPeak(): void;
  close(): Promise<void>;
}

const STREAM_ROUTE = /^\/api\/v1\/integrations\/sources\/[^/]+\/streams/;

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const state = { current: 0, peak: 0, adds: new Map<string, number>() };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const counted = STREAM_ROUTE.test(req.url ?? '');
      if (counted) {
        state.current++;
        state.peak = Math.max(state.peak, state.current);
      }
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        if (counted) state.current--;
      };
      const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${(server.address() as AddressInfo).port}` }, agent }, (answer) => {
        if (req.method === 'POST' && counted && (answer.statusCode ?? 0) < 300) {
          try {
            const name = (JSON.parse(body.toString('utf8')) as { stream_name: string }).stream_name;
            state.adds.set(name, (state.adds.get(name) ?? 0) + 1);
          } catch {
            // Not ours to judge: the sandbox answered it.
          }
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', finish);
        answer.on('error', () => {
          finish();
          res.destroy();
        });
      });
      out.on('error', () => {
        finish();
        res.destroy();
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get current() {
      return state.current;
    },
    get peak() {
      return state.peak;
    },
    adds: state.adds,
    resetPeak: () => (state.peak = state.current),
    close: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

export function coreOn(url: string, userDataDir = tempDir('ec-streams-')) {
  const core = createCore({ shell: 'browser', userDataDir, keytarLoader: memoryKeytar(), sandboxHost: { url: async () => url, regionOf: () => null, stop: async () => undefined } });
  const router = core.createRouter(() => null);
  const call: Call = (channel, input) => router.dispatch(channel, input, {});
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
  return { core, userDataDir, call, value };
}

/** The ids of a workspace's source, found through the app's own channels. */
export async function sourceIds(value: <T>(channel: string, input?: unknown) => Promise<T>, workspaceName: string, sourcePrefix: string) {
  const workspace = (await value<{ items: Array<{ id: string; name: string }> }>('workspaces:list', { nameContains: workspaceName })).items.find((w) => w.name === workspaceName);
  if (!workspace) throw new Error(`no workspace ${workspaceName}`);
  const source = (await value<Array<{ id: string; name: string }>>('workspaces:sources', { id: workspace.id })).find((s) => s.name.startsWith(sourcePrefix));
  if (!source) throw new Error(`no source ${sourcePrefix}`);
  return { workspaceId: workspace.id, sourceId: source.id };
}

export interface CatalogStream {
  name: string;
  supported_sync_modes: string[];
  source_defined_cursor?: boolean;
}

/** Discovers through the app (so its cache binds plans to it) and answers the stream list. */
export async function discover(value: <T>(channel: string, input?: unknown) => Promise<T>, ids: { workspaceId: string; sourceId: string }, requestId: string) {
  const found = await value<{ text: string; discoveredAt: string }>('catalog:discover', { ...ids, requestId });
  const streams = (JSON.parse(found.text) as { catalog: { streams: CatalogStream[] } }).catalog.streams;
  return { discoveredAt: found.discoveredAt, streams };
}

export const INCREMENTAL_DEDUP = { sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] } as const;

export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
