import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCatalogWorkerClient, debounce } from '../../renderer/features/catalog/query/catalog-worker-client';
import type { WorkerLike } from '../../renderer/features/catalog/query/catalog-worker-client';
import type { WorkerRequest, WorkerResponse } from '../../renderer/features/catalog/worker/protocol';

/** A fake Worker: records what it is sent; the test answers by hand. */
class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  sent: Array<{ message: WorkerRequest; transfer?: Transferable[] }> = [];
  terminated = false;
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.sent.push(transfer ? { message, transfer } : { message });
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(response: WorkerResponse): void {
    if (!this.terminated) this.onmessage?.({ data: response } as MessageEvent<WorkerResponse>);
  }
  last(type: WorkerRequest['type']): WorkerRequest {
    const found = [...this.sent].reverse().find((s) => s.message.type === type);
    if (!found) throw new Error(`no ${type} sent`);
    return found.message;
  }
}

const queryOk = (id: number, resultText: string): WorkerResponse => ({ type: 'query', id, ok: true, resultText, truncated: false, totalChars: resultText.length, count: null, ms: 1 });
const loadOk = (id: number): WorkerResponse => ({ type: 'load', id, ok: true, streamCount: 0, rows: [], parseMs: 1 });

describe('catalog worker client', () => {
  let workers: FakeWorker[];
  const spawn = () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  };
  beforeEach(() => {
    workers = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads text and answers a query', async () => {
    const client = createCatalogWorkerClient({ spawn });
    const loading = client.load('{"catalog":{"streams":[]}}');
    const w = workers[0] as FakeWorker;
    const load = w.last('load');
    expect(load).toMatchObject({ type: 'load', text: '{"catalog":{"streams":[]}}' });
    w.answer(loadOk(load.id));
    await expect(loading).resolves.toEqual({ streamCount: 0, rows: [], parseMs: 1 });

    const q = client.query('length(streams)');
    const sent = w.last('query');
    expect(client.latestQueryId).toBe(sent.id);
    w.answer(queryOk(sent.id, '0'));
    await expect(q).resolves.toMatchObject({ status: 'done', ok: true, resultText: '0', expression: 'length(streams)', id: sent.id });
  });

  it('transfers an ArrayBuffer (never a parsed object) and keeps a Blob of it for respawns', async () => {
    const client = createCatalogWorkerClient({ spawn });
    const bytes = new TextEncoder().encode('{"catalog":{"streams":[]}}').buffer;
    void client.load(bytes);
    const w = workers[0] as FakeWorker;
    expect(w.sent[0]?.transfer).toEqual([bytes]);
    w.answer(loadOk(w.last('load').id));
    await vi.advanceTimersByTimeAsync(0);
    const q = client.query('foo');
    await vi.advanceTimersByTimeAsync(2000);
    await expect(q).resolves.toMatchObject({ ok: false, error: { kind: 'timeout' } });
    const reload = (workers[1] as FakeWorker).last('load');
    expect(reload.type === 'load' && reload.text instanceof Blob).toBe(true);
    if (reload.type === 'load' && reload.text instanceof Blob) expect(await reload.text.text()).toBe('{"catalog":{"streams":[]}}');
  });

  it('a new query abandons the running one; the stale answer is dropped', async () => {
    const client = createCatalogWorkerClient({ spawn });
    const first = client.query('streams[?a');
    const w = workers[0] as FakeWorker;
    const firstId = w.last('query').id;
    const second = client.query('streams[?ab]');
    await expect(first).resolves.toEqual({ status: 'abandoned', id: firstId, expression: 'streams[?a' });
    const seen: unknown[] = [];
    void second.then((r) => seen.push(r));
    w.answer(queryOk(firstId, '"stale"')); // the abandoned query's answer arrives first
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([]);
    const secondId = w.last('query').id;
    expect(secondId).not.toBe(firstId);
    w.answer(queryOk(secondId, '"fresh"'));
    await expect(second).resolves.toMatchObject({ status: 'done', id: secondId, resultText: '"fresh"' });
    expect(client.latestQueryId).toBe(secondId);
  });

  it('typing while the worker is busy posts only the latest text when it is free (no pile-up)', async () => {
    const client = createCatalogWorkerClient({ spawn });
    const typed = ['s', 'st', 'str', 'stre', 'strea', 'stream', 'streams'];
    const answers = typed.map((text) => client.query(text));
    const worker = workers[0] as FakeWorker;
    // Only the first keystroke was posted: the worker was free then.
    expect(worker.sent.map((s) => s.message)).toEqual([{ type: 'query', id: expect.any(Number), expression: 's' }]);
    worker.answer(queryOk(worker.last('query').id, 'null'));
    await vi.advanceTimersByTimeAsync(0);
    // Then the latest text, once; every keystroke in between was abandoned without reaching the worker.
    expect(worker.sent.map((s) => (s.message as { expression: string }).expression)).toEqual(['s', 'streams']);
    worker.answer(queryOk(worker.last('query').id, '[]'));
    const settled = await Promise.all(answers);
    expect(settled.map((r) => r.status)).toEqual(['abandoned', 'abandoned', 'abandoned', 'abandoned', 'abandoned', 'abandoned', 'done']);
    expect(settled[6]).toMatchObject({ expression: 'streams', ok: true, resultText: '[]' });
  });

  it('warm starts the worker before any request (its script loads while the cache is read)', () => {
    const client = createCatalogWorkerClient({ spawn });
    expect(workers).toHaveLength(0);
    client.warm();
    client.warm();
    expect(workers).toHaveLength(1);
    expect((workers[0] as FakeWorker).sent).toEqual([]);
    client.dispose();
    client.warm(); // a closed client stays closed
    expect(workers).toHaveLength(1);
  });

  it('a worker crash answers the posted latest query with the reason (never left hanging)', async () => {
    const client = createCatalogWorkerClient({ spawn });
    const q = client.query('streams');
    const w = workers[0] as FakeWorker;
    w.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(q).resolves.toMatchObject({ status: 'done', ok: false, error: { summary: 'The catalog worker failed: out of memory' } });
  });

  it('a runaway query is stopped after the limit: worker terminated, respawned, reloaded with the kept text', async () => {
    const client = createCatalogWorkerClient({ spawn, queryTimeoutMs: 2000 });
    void client.load('CATALOG TEXT');
    const w = workers[0] as FakeWorker;
    w.answer(loadOk(w.last('load').id));
    await vi.advanceTimersByTimeAsync(0);
    const pendingStream = client.stream(3).catch((e: unknown) => e);
    const q = client.query('sort_by(streams, &name)');
    const qid = w.last('query').id;
    await vi.advanceTimersByTimeAsync(1999);
    expect(w.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await q;
    expect(result).toMatchObject({ status: 'done', ok: false, id: qid, error: { kind: 'timeout' } });
    if (result.status === 'done' && !result.ok) expect(result.error.summary).toMatch(/ran longer than 2 s and was stopped/);
    expect(w.terminated).toBe(true);
    expect(String(await pendingStream)).toMatch(/restarted after a runaway query/);
    expect(workers).toHaveLength(2);
    expect(client.spawnCount).toBe(2);
    const w2 = workers[1] as FakeWorker;
    // Reloaded from the kept copy, a Blob (off the UI thread's JS heap) of the same text.
    expect(w2.sent.map((s) => s.message)).toEqual([{ type: 'load', id: expect.any(Number), text: expect.any(Blob) }]);
    expect(await (w2.sent[0]?.message as { text: Blob }).text.text()).toBe('CATALOG TEXT');
    w.answer(queryOk(qid, '"too late"')); // a terminated worker's answer never arrives; even if it did it is ignored
    // The new worker serves the next query.
    w2.answer(loadOk(w2.last('load').id));
    const next = client.query('length(streams)');
    const nid = w2.last('query').id;
    w2.answer(queryOk(nid, '5200'));
    await expect(next).resolves.toMatchObject({ ok: true, resultText: '5200' });
  });

  it('the time limit starts once the load is answered (parsing a large catalog is not a runaway)', async () => {
    const client = createCatalogWorkerClient({ spawn, queryTimeoutMs: 2000 });
    void client.load('BIG');
    const w = workers[0] as FakeWorker;
    const q = client.query('length(streams)');
    await vi.advanceTimersByTimeAsync(5000); // still parsing
    expect(w.terminated).toBe(false);
    w.answer(loadOk(w.last('load').id));
    await vi.advanceTimersByTimeAsync(1000);
    w.answer(queryOk(w.last('query').id, '1'));
    await expect(q).resolves.toMatchObject({ ok: true });
  });

  it('when an abandoned query holds the worker, the latest gets a fresh worker and its own turn', async () => {
    const client = createCatalogWorkerClient({ spawn, queryTimeoutMs: 2000 });
    void client.load('T');
    const w = workers[0] as FakeWorker;
    w.answer(loadOk(w.last('load').id));
    await vi.advanceTimersByTimeAsync(0);
    void client.query('slow');
    await vi.advanceTimersByTimeAsync(1500);
    const latest = client.query('fast');
    await vi.advanceTimersByTimeAsync(2000); // 'slow' still holds the worker
    expect(w.terminated).toBe(true);
    const w2 = workers[1] as FakeWorker;
    expect(w2.sent.map((s) => s.message.type)).toEqual(['load', 'query']);
    const retried = w2.last('query');
    expect(retried).toMatchObject({ expression: 'fast', id: client.latestQueryId });
    w2.answer(loadOk(w2.last('load').id));
    w2.answer(queryOk(retried.id, '"fast"'));
    await expect(latest).resolves.toMatchObject({ ok: true, resultText: '"fast"' });
  });

  it('worker errors reject the owed requests and respawn; dispose terminates', async () => {
    const client = createCatalogWorkerClient({ spawn });
    void client.load('T').catch(() => undefined);
    const w = workers[0] as FakeWorker;
    const c = client.completions('streams[0].', 11);
    w.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(c).rejects.toThrow('The catalog worker failed: boom');
    expect(workers).toHaveLength(2);
    client.dispose();
    expect((workers[1] as FakeWorker).terminated).toBe(true);
    await expect(client.query('x')).resolves.toMatchObject({ ok: false, error: { summary: 'The catalog worker was closed.' } });
  });

  it('compare sends the expression and the server text to the worker and answers its verdict', async () => {
    const client = createCatalogWorkerClient({ spawn });
    const c = client.compare('streams[*].name', '["a"]');
    const w = workers[0] as FakeWorker;
    const sent = w.last('compare');
    expect(sent).toEqual({ type: 'compare', id: sent.id, expression: 'streams[*].name', serverText: '["a"]' });
    w.answer({ type: 'compare', id: sent.id, ok: true, localError: null, serverParseError: null, count: 1, difference: { path: '[0]', local: '"b"', server: '"a"' } });
    await expect(c).resolves.toEqual({ localError: null, serverParseError: null, count: 1, difference: { path: '[0]', local: '"b"', server: '"a"' } });
  });

  it('a failed answer rejects with the worker error', async () => {
    const client = createCatalogWorkerClient({ spawn });
    const s = client.stream(99);
    const w = workers[0] as FakeWorker;
    const error = { kind: 'catalog' as const, message: 'There is no stream #99', summary: 'There is no stream #99', position: null };
    w.answer({ type: 'stream', id: w.last('stream').id, ok: false, error });
    await expect(s).rejects.toMatchObject({ error });
  });

  it('debounce: calls once with the latest arguments; flush and cancel', () => {
    const calls: string[] = [];
    const d = debounce((s: string) => calls.push(s), 120);
    d('s');
    d('st');
    vi.advanceTimersByTime(119);
    expect(calls).toEqual([]);
    d('str');
    vi.advanceTimersByTime(120);
    expect(calls).toEqual(['str']);
    d('a');
    d.flush();
    expect(calls).toEqual(['str', 'a']);
    d('b');
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['str', 'a']);
  });
});
