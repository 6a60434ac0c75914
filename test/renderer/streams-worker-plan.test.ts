import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../renderer/features/catalog/worker/catalog-engine';
import { planStreams, selectStreams, streamInfo } from '../../renderer/features/catalog/worker/stream-plan';
import type { WorkerLike } from '../../renderer/features/catalog/query/catalog-worker-client';
import type { WorkerRequest, WorkerResponse } from '../../renderer/features/catalog/worker/protocol';
import { createStreamWorkerClient, StreamWorkerError } from '../../renderer/features/streams/stream-worker';

function bigCatalog(n: number): string {
  const streams = Array.from({ length: n }, (_, i) => ({
    name: `s${i}`,
    supported_sync_modes: i % 5 === 0 ? ['full_refresh'] : ['full_refresh', 'incremental'],
    ...(i % 4 === 0 ? {} : { default_cursor_field: ['updated_at'] }),
    ...(i % 7 === 0 ? {} : { source_defined_primary_key: [['id']] }),
    json_schema: { type: 'object', properties: { id: { type: 'integer' }, updated_at: { type: 'string' } } },
  }));
  return JSON.stringify({ catalog: { streams } });
}

describe('catalog worker: stream editor requests', () => {
  const catalog = parseCatalog(bigCatalog(5200));

  it('streamInfo gives one stream, its field paths and defaults; an unknown name is an error in words', () => {
    const info = streamInfo(catalog, 's1');
    expect(info.fields).toEqual([['id'], ['updated_at']]);
    expect(info.defaults).toMatchObject({ sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] });
    expect(() => streamInfo(catalog, 'nope')).toThrow(/no stream named “nope”/);
  });

  it('selectStreams reads names (or streams) from a query result and refuses a non-list', () => {
    expect(selectStreams(catalog, 'streams[0:3].name').names).toEqual(['s0', 's1', 's2']);
    expect(selectStreams(catalog, 'streams[0:2]').names).toEqual(['s0', 's1']);
    expect(selectStreams(catalog, "['s1', 'x', 's1']")).toMatchObject({ names: ['s1'], unknown: ['x'] });
    expect(() => selectStreams(catalog, 'length(streams)')).toThrow(/list of stream names/);
  });

  it('plans all 5,200 streams in well under a second', () => {
    const names = catalog.rows.map((r) => r.name);
    const states = names.map((n, i) => [n, i % 2 === 0 ? { state: 'not_configured' } : { state: 'configured', config: { stream_name: n, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: [], primary_key: [] } }] as [string, never]);
    const answer = planStreams(catalog, { selection: names, change: { kind: 'incremental_defaults' }, states });
    expect(answer.plan.entries).toHaveLength(5200);
    const { change, unchanged, invalid } = answer.plan.summary;
    expect(change + unchanged + invalid).toBe(5200);
    expect(unchanged).toBeGreaterThan(0); // full-refresh-only streams
    expect(answer.ms).toBeLessThan(1000);
  });
});

describe('stream worker client', () => {
  function fakeWorker(answer: (request: WorkerRequest) => WorkerResponse): WorkerLike & { posted: WorkerRequest[] } {
    const w = {
      posted: [] as WorkerRequest[],
      onmessage: null as WorkerLike['onmessage'],
      onerror: null as WorkerLike['onerror'],
      postMessage(message: WorkerRequest) {
        w.posted.push(message);
        queueMicrotask(() => w.onmessage?.({ data: answer(message) } as MessageEvent<WorkerResponse>));
      },
      terminate() {},
    };
    return w;
  }

  it('answers by id and turns worker errors into errors in words', async () => {
    const worker = fakeWorker((r) =>
      r.type === 'selectStreams'
        ? { type: 'selectStreams', id: r.id, ok: true, names: ['a'], unknown: [], ms: 1 }
        : { type: r.type, id: r.id, ok: false, error: { kind: 'catalog', message: 'No catalog is loaded.', summary: 'No catalog is loaded.', position: null } } as WorkerResponse,
    );
    const client = createStreamWorkerClient(() => worker);
    await expect(client.selectStreams('x')).resolves.toMatchObject({ names: ['a'] });
    await expect(client.streamInfo('a')).rejects.toBeInstanceOf(StreamWorkerError);
    client.dispose();
    await expect(client.plan({ selection: [], change: { kind: 'remove' }, states: [] })).rejects.toThrow(/closed/);
  });
});
