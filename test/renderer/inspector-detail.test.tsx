// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestDetail, RequestLogEntry } from '../../preload/contract';
import { createInspectorStore } from '../../renderer/features/inspector/inspector-store';
import { formatBytes, indentJsonText, matchesStatus, pathOf, prettyBody } from '../../renderer/features/inspector/request-format';
import { fakeApi, ok } from './fake-api';

vi.mock('../../renderer/ipc/client', () => import('./mock-ipc-client'));
const { ipc: h } = await import('./mock-ipc-client');

const entry = (id: number, status: number | null, path = `/api/v1/things/${id}`): RequestLogEntry => ({
  id,
  method: 'GET',
  url: `https://api.example.test${path}`,
  status,
  durationMs: 12 + id,
  sizeBytes: 100,
  startedAt: '2026-01-02T03:04:05Z',
  attempt: 1,
  error: status === null ? 'The API did not answer.' : null,
  curl: `curl "https://api.example.test${path}"`,
});
const entries = [entry(1, 200), entry(2, 404), entry(3, 503), entry(4, null), entry(5, 201)];
const detailOf = (id: number, full: boolean): RequestDetail => {
  const big = JSON.stringify({ streams: Array.from({ length: 50 }, (_, i) => ({ name: `stream_${i}` })) });
  return {
    entry: entries.find((e) => e.id === id) ?? entry(id, 200),
    requestHeaders: [
      ['accept', 'application/json'],
      ['authorization', 'Bearer [redacted]'],
    ],
    responseHeaders: [['content-type', 'application/json']],
    requestBody: null,
    responseBody: full ? { text: big, totalBytes: big.length, truncated: false } : { text: big.slice(0, 200), totalBytes: big.length, truncated: true },
    kept: true,
  };
};

beforeEach(() => {
  h.calls = [];
  h.handlers = {
    'requests:log': () => ok(entries),
    'requests:detail': (input) => {
      const { id, full } = input as { id: number; full: boolean };
      return ok(id === 404 ? null : detailOf(id, full));
    },
    'requests:clear': () => ok({ cleared: true }),
  };
});
afterEach(cleanup);

describe('request formatting', () => {
  it('classes statuses, with "failed" for calls that got no answer', () => {
    const pick = (f: Parameters<typeof matchesStatus>[1]) => entries.filter((e) => matchesStatus(e, f)).map((e) => e.id);
    expect(pick('all')).toEqual([1, 2, 3, 4, 5]);
    expect(pick('2xx')).toEqual([1, 5]);
    expect(pick('4xx')).toEqual([2]);
    expect(pick('5xx')).toEqual([3]);
    expect(pick('failed')).toEqual([4]);
  });

  it('indents JSON and leaves a cut-off preview or plain text as it came', () => {
    expect(prettyBody('{"a":[1,2]}')).toEqual({ text: '{\n  "a": [\n    1,\n    2\n  ]\n}', json: true });
    // A cut-off preview does not parse: it is indented token by token, strings left alone.
    expect(prettyBody('{"a":[1,{"b":"x,{y}\\"z')).toEqual({ text: '{\n  "a": [\n    1,\n    {\n      "b": "x,{y}\\"z', json: false });
    expect(indentJsonText('{"c":{}, "d" : [] ,"e":[true]}')).toBe('{\n  "c": {},\n  "d": [],\n  "e": [\n    true\n  ]\n}');
    const whole = JSON.stringify({ s: [{ n: 'a:b' }, { n: 'c,d' }], k: null });
    expect(indentJsonText(whole)).toBe(JSON.stringify(JSON.parse(whole), null, 2));
    expect(prettyBody('plain words')).toEqual({ text: 'plain words', json: false });
    expect(formatBytes(512)).toBe('512 B');
    // Decimal units, as the Catalog shows the same download (39,002,855 bytes: "39.0 MB" in both).
    expect(formatBytes(65536)).toBe('66 KB');
    expect(formatBytes(39_002_855)).toBe('39.0 MB');
    expect(pathOf('https://x.test/a/b?c=1')).toBe('/a/b?c=1');
    expect(pathOf('not a url')).toBe('not a url');
  });
});

describe('inspector store', () => {
  it('drops the answer for a row the user already left', async () => {
    let release: (() => void) | null = null;
    const { api } = fakeApi({
      'requests:detail': async (input) => {
        const { id } = input as { id: number };
        if (id === 1) await new Promise<void>((resolve) => (release = resolve));
        return ok(detailOf(id, false));
      },
    });
    const store = createInspectorStore(api);
    const slow = store.getState().openDetail(1);
    await store.getState().openDetail(2);
    (release as unknown as () => void)();
    await slow;
    expect(store.getState().openId).toBe(2);
    expect(store.getState().detail).toMatchObject({ status: 'ready', value: { entry: { id: 2 } } });
    store.getState().closeDetail();
    expect(store.getState()).toMatchObject({ openId: null, detail: { status: 'idle' } });
  });

  it('keeps showing the preview while the whole body loads', async () => {
    let release: (() => void) | null = null;
    const { api } = fakeApi({
      'requests:detail': async (input) => {
        const { id, full } = input as { id: number; full: boolean };
        if (full) await new Promise<void>((resolve) => (release = resolve));
        return ok(detailOf(id, full));
      },
    });
    const store = createInspectorStore(api);
    await store.getState().openDetail(1);
    const all = store.getState().openDetail(1, true);
    expect(store.getState().detail).toMatchObject({ status: 'loading', previous: { responseBody: { truncated: true } } });
    (release as unknown as () => void)();
    await all;
    expect(store.getState().detail).toMatchObject({ status: 'ready', value: { responseBody: { truncated: false } } });
  });
});

describe('RequestInspector', () => {
  async function setup() {
    const { RequestInspector } = await import('../../renderer/features/inspector/RequestInspector');
    const { useInspectorStore } = await import('../../renderer/state/store');
    useInspectorStore.setState({ open: true, entries: [], statusFilter: 'all', openId: null, detail: { status: 'idle' } });
    render(<RequestInspector />);
    const table = await screen.findByRole('table', { name: 'Recent API requests' });
    return { table, useInspectorStore };
  }

  it('opens a row with Enter: headers, pretty body, Show all, and Escape closes back to the row', async () => {
    const { table } = await setup();
    const row = within(table).getByRole('row', { name: /things\/3 503/ });
    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    const detail = await screen.findByRole('region', { name: 'Request details' });
    await within(detail).findByRole('table', { name: 'Request headers' });
    expect(within(detail).getByRole('table', { name: 'Request headers' }).textContent).toContain('Bearer [redacted]');
    expect(within(detail).getByRole('table', { name: 'Response headers' }).textContent).toContain('content-type');
    expect(detail.textContent).toContain('https://api.example.test/api/v1/things/3');
    expect(detail.textContent).toContain('503');
    expect(within(detail).getByLabelText('Response body is cut').textContent).toMatch(/Showing the first 200 B of 1 KB/);

    fireEvent.click(within(detail).getByRole('button', { name: 'Show all of the response body' }));
    await waitFor(() => expect(within(detail).queryByLabelText('Response body is cut')).toBeNull());
    expect(h.calls.filter((c) => c.channel === 'requests:detail').map((c) => c.input)).toEqual([
      { id: 3, full: false },
      { id: 3, full: true },
    ]);
    // Whole JSON is indented for reading.
    expect(within(detail).getByLabelText('Response body').textContent).toContain('{\n  "streams": [\n    {\n      "name": "stream_0"');

    fireEvent.keyDown(within(detail).getByRole('button', { name: 'Close request details' }), { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Request details' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.getAttribute('data-id')).toBe('3'));
  });

  it('filters by status and says how many calls are shown', async () => {
    const { table } = await setup();
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(6));
    fireEvent.click(screen.getByRole('radio', { name: '4xx' }));
    expect(within(screen.getByRole('table', { name: 'Recent API requests' })).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByLabelText('Requests shown').textContent).toBe('1 shown of the last 5 calls');
    fireEvent.click(screen.getByRole('radio', { name: 'Failed' }));
    expect(within(screen.getByRole('table', { name: 'Recent API requests' })).getByRole('row', { name: /things\/4 failed/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '2xx' }));
    // Newest first.
    const names = within(screen.getByRole('table', { name: 'Recent API requests' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.getAttribute('data-id'));
    expect(names).toEqual(['5', '1']);
  });

  it('says when "Show all" is all the log keeps of a very large body, and offers it no more', async () => {
    const kept = 'x'.repeat(1000);
    h.handlers['requests:detail'] = (input) => {
      const { id, full } = input as { id: number; full: boolean };
      return ok({ ...detailOf(id, full), responseBody: { text: full ? kept : kept.slice(0, 100), totalBytes: 5 * 1024 * 1024, truncated: true } });
    };
    const { table } = await setup();
    fireEvent.click(within(table).getByRole('row', { name: /things\/1 200/ }).querySelector('td') as HTMLElement);
    const detail = await screen.findByRole('region', { name: 'Request details' });
    expect((await within(detail).findByLabelText('Response body is cut')).textContent).toMatch(/^Showing the first 100 B of 5\.2 MB\.\s*Show all$/);
    fireEvent.click(within(detail).getByRole('button', { name: 'Show all of the response body' }));
    await waitFor(() => expect(within(detail).getByLabelText('Response body is cut').textContent).toContain('all the log keeps'));
    expect(within(detail).queryByRole('button', { name: 'Show all of the response body' })).toBeNull();
    expect(within(detail).getByLabelText('Response body').textContent).toBe(kept);
  });

  it('keeps the path’s end readable, with the whole URL and the exact size on hover', async () => {
    h.handlers['requests:log'] = () => ok([{ ...entry(1, 200, '/api/v1/embedded/sources/0f9c-long-id/discover?x=1'), sizeBytes: 39_002_855 }]);
    const { table } = await setup();
    const row = await within(table).findByRole('row', { name: /discover/ });
    const path = row.querySelector('td.path') as HTMLElement;
    expect(path.title).toBe('https://api.example.test/api/v1/embedded/sources/0f9c-long-id/discover?x=1');
    expect(path.textContent).toBe('/api/v1/embedded/sources/0f9c-long-id/discover?x=1');
    expect(within(row).getByText('39.0 MB').getAttribute('title')).toBe(`${(39_002_855).toLocaleString()} bytes`);
  });

  it('says what the list covers: the last calls, and the older failures kept besides them', async () => {
    // Ids 1–2 are failures main kept after the ring moved on to 50–52.
    h.handlers['requests:log'] = () => ok([entry(1, 401), entry(2, null), entry(50, 200), entry(51, 200), entry(52, 200)]);
    await setup();
    await waitFor(() => expect(screen.getByLabelText('Requests shown').textContent).toBe('Last 3 calls + 2 earlier failures'));
    fireEvent.click(screen.getByRole('radio', { name: '4xx' }));
    expect(screen.getByLabelText('Requests shown').textContent).toBe('1 shown of the last 3 calls + 2 earlier failures');
    expect(within(screen.getByRole('table', { name: 'Recent API requests' })).getByRole('row', { name: /things\/1 401/ })).toBeTruthy();
  });

  it('says so when a call is no longer in the log', async () => {
    h.handlers['requests:log'] = () => ok([entry(404, 200)]);
    const { table } = await setup();
    await act(async () => {
      fireEvent.click(within(table).getByRole('row', { name: /things\/404/ }).querySelector('td') as HTMLElement);
    });
    expect(await screen.findByText('This call is no longer in the log.')).toBeTruthy();
  });
});
