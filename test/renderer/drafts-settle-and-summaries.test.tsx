// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftPlan, DraftSummary, PlanEntry, PublishResult } from '../../preload/contract';
import { createDraftsStore } from '../../renderer/features/drafts/drafts-store';
import { formatValue, publishSummaryLine, pullSummaryLine } from '../../renderer/features/drafts/plan-format';
import { fakeApi, ok } from './fake-api';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../renderer/features/drafts/use-drafts-store', () => ({
  get useDraftsStore() {
    return holder.store;
  },
}));

const { DraftList } = await import('../../renderer/features/drafts/DraftList');
const { PlanPanel } = await import('../../renderer/features/drafts/PlanPanel');
const { PullPanel } = await import('../../renderer/features/drafts/PullPanel');

afterEach(cleanup);
Element.prototype.scrollIntoView = function scrollIntoView() {};
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
};

const entry = (file: string, action: PlanEntry['action'], over: Partial<PlanEntry> = {}): PlanEntry => ({ file, kind: 'source_template', name: file, action, remoteId: null, changes: [], conflict: null, problems: [], notes: [], ...over });
function planOf(entries: PlanEntry[], planId = 'plan-1'): DraftPlan {
  const count = (a: PlanEntry['action']) => entries.filter((e) => e.action === a).length;
  return { planId, profileId: 'p1', createdAt: '2030-01-01T00:00:00.000Z', entries, summary: { create: count('create'), update: count('update'), unchanged: count('unchanged'), conflict: count('conflict'), invalid: count('invalid') } };
}
const summary = (file: string, over: Partial<DraftSummary> = {}): DraftSummary => ({ file, kind: 'source_template', name: file, detail: 'Postgres', problem: null, remoteId: null, local: 'unchanged', modifiedAt: '2030-01-01T00:00:00.000Z', ...over });
const listOf = (drafts: DraftSummary[]) => ok({ folder: { path: '/d', source: 'env' as const }, revision: 1, drafts });

function storeWith(handlers: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi({ 'requests:cancel': () => ok({ cancelled: true }), 'drafts:list': () => listOf([]), ...handlers });
  const store = createDraftsStore(api, { newRequestId: () => 'req1' });
  holder.store = store;
  return { store, calls };
}

const conflict = entry('pg.source.json', 'conflict', {
  remoteId: 'r1',
  conflict: {
    draft: { name: 'Mine', partial_default_config: { port: 1, host: 'a' }, mode: 'REPLICATION', tags: [] },
    base: { name: 'Base', partial_default_config: { host: 'a', port: 1 }, mode: 'REPLICATION', tags: [] },
    server: { name: 'Theirs', partial_default_config: { host: 'a', port: 1 }, mode: 'REPLICATION', tags: [] },
  },
});

describe('settling a conflict from the plan', () => {
  it('“Use server version” says what is lost, then resolves with keep=server and plans again', async () => {
    let plans = 0;
    const { store, calls } = storeWith({
      'drafts:plan': () => ok(++plans === 1 ? planOf([conflict]) : planOf([entry('pg.source.json', 'unchanged')], 'plan-2')),
      'drafts:resolve': () => ok({ file: 'pg.source.json', summary: summary('pg.source.json') }),
    });
    await store.getState().startPlan();
    render(<PlanPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Use server version…' }));
    const dialog = screen.getByRole('dialog', { name: 'Use the server version?' });
    expect(dialog.textContent).toContain('Your edits to pg.source.json are replaced by the server’s version.');
    expect(calls.some((c) => c.channel === 'drafts:resolve')).toBe(false);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Replace my edits' }));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(calls.find((c) => c.channel === 'drafts:resolve')?.input).toEqual({ file: 'pg.source.json', keep: 'server' });
    expect(calls.filter((c) => c.channel === 'drafts:plan')).toHaveLength(2);
    expect(screen.getByRole('status', { name: 'Plan summary' }).textContent).toBe('Plan: 0 to create, 0 to update, 1 unchanged, 0 conflicts, 0 invalid');
  });

  it('“Keep my draft” explains that the next plan replaces the server’s change, and resolves with keep=mine', async () => {
    const { store, calls } = storeWith({
      'drafts:plan': () => ok(planOf([conflict])),
      'drafts:resolve': () => ok({ file: 'pg.source.json', summary: summary('pg.source.json', { local: 'changed' }) }),
    });
    await store.getState().startPlan();
    render(<PlanPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Keep my draft…' }));
    const dialog = screen.getByRole('dialog', { name: 'Keep your draft?' });
    expect(dialog.textContent).toContain('the next plan will update the server to your draft, replacing the change made on the server');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Keep my draft' }));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(calls.find((c) => c.channel === 'drafts:resolve')?.input).toEqual({ file: 'pg.source.json', keep: 'mine' });
  });

  it('shows a refused resolve next to the conflict, and the conflict stays', async () => {
    const { store } = storeWith({
      'drafts:plan': () => ok(planOf([conflict])),
      'drafts:resolve': () => ({ ok: false, error: { code: 'network', message: 'The server could not be reached.', retryable: true } }),
    });
    await store.getState().startPlan();
    render(<PlanPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Use server version…' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Replace my edits' }));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByText(/The server could not be reached/)).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Conflict of pg.source.json' })).toBeTruthy();
  });

  it('folds the fields identical in all three versions, and shows objects with one key order', async () => {
    const { store } = storeWith({ 'drafts:plan': () => ok(planOf([conflict])) });
    await store.getState().startPlan();
    render(<PlanPanel />);
    const sides = screen.getByRole('table', { name: 'Conflict of pg.source.json' });
    expect(within(sides).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['name']);
    expect(screen.getByText('3 identical fields')).toBeTruthy();
    const same = screen.getByRole('table', { name: 'Identical fields of pg.source.json' });
    const configRow = within(same).getAllByRole('row').find((r) => r.textContent?.startsWith('partial_default_config'))!;
    const cells = within(configRow).getAllByRole('cell').map((c) => c.textContent);
    expect(new Set(cells).size).toBe(1);
    expect(formatValue({ port: 1, host: 'a' }).text).toBe('{\n  "host": "a",\n  "port": 1\n}');
  });
});

describe('summaries that add up', () => {
  const result = (file: string, action: PublishResult['action'], outcome: PublishResult['outcome']): PublishResult => ({ file, name: null, action, outcome, message: null, remoteId: null });
  it('publish: what was applied, then what the plan held back', () => {
    const results = [result('a', 'create', 'done'), result('b', 'conflict', 'skipped'), result('c', 'invalid', 'skipped'), ...Array.from({ length: 14 }, (_, i) => result(`u${i}`, 'unchanged', 'skipped'))];
    expect(publishSummaryLine(results)).toBe('Published: 1 done, 0 failed; held back: 1 conflict, 1 invalid, 14 unchanged');
    expect(publishSummaryLine([result('a', 'update', 'skipped'), result('b', 'update', 'failed')])).toBe('Published: 0 done, 1 failed, 1 skipped (changed since the plan); held back: 0 conflicts, 0 invalid, 0 unchanged');
  });

  it('pull: the parts add up to the templates read', () => {
    expect(pullSummaryLine({ created: Array.from({ length: 17 }, (_, i) => `f${i}.json`), updated: [], unchanged: 0, skipped: [] })).toBe('Pulled 17 templates: 17 new drafts, 0 updated, 0 unchanged, 0 skipped');
    expect(pullSummaryLine({ created: [], updated: ['a.json'], unchanged: 2, skipped: [{ file: 'b.json', reason: 'edited' }] })).toBe('Pulled 4 templates: 0 new drafts, 1 updated, 2 unchanged, 1 skipped');
  });

  it('the pull result goes away when a draft is opened (another selection)', async () => {
    const { store } = storeWith({
      'drafts:pull': () => ok({ created: ['a.source.json'], updated: [], unchanged: 0, skipped: [] }),
      'drafts:read': () => ok({ file: 'a.source.json', text: '{}', draft: null, problem: { message: 'bad', line: 1, column: 1, field: null } }),
    });
    await store.getState().startPull();
    render(<PullPanel />);
    expect(screen.getByRole('status', { name: 'Pull summary' }).textContent).toBe('Pulled 1 template: 1 new draft, 0 updated, 0 unchanged, 0 skipped');
    await act(() => store.getState().open('a.source.json'));
    expect(screen.queryByRole('status', { name: 'Pull summary' })).toBeNull();
  });
});

describe('drafts list', () => {
  it('names the destination connector of a connection draft, and gives each file name its full text as a tooltip', async () => {
    const DEST = '99999999-2222-3333-4444-555555555555';
    const { store } = storeWith({
      'drafts:list': () => listOf([summary('warehouse.connection.json', { kind: 'connection_template', detail: 'Warehouse' }), summary('a-very-long-name-for-a-postgres-template.source.json')]),
      'drafts:read': () =>
        ok({
          file: 'warehouse.connection.json',
          text: '{}',
          problem: null,
          draft: { kind: 'connection_template', data_hosting_type: 'user_hosted', destination_name: 'Warehouse', destination_definition_id: DEST, destination_config: {}, cron_expression: null, non_breaking_changes_preference: 'ignore', sync_on_create: true, tags: [], server_fields: {} },
        }),
      'templates:definitions': () => ok({ sources: [], destinations: [{ id: DEST, name: 'BigQuery' }], from: 'server', cachedAt: null, offlineReason: null }),
    });
    await store.getState().loadDefinitions();
    await store.getState().loadList();
    await new Promise((r) => setTimeout(r, 0));
    render(<DraftList onOpen={() => {}} />);
    const rows = within(screen.getByRole('table', { name: 'Drafts' })).getAllByRole('row');
    expect(within(rows[1]!).getAllByRole('cell')[3]?.textContent).toBe('BigQuery (Warehouse)');
    expect(within(rows[2]!).getAllByRole('cell')[3]?.textContent).toBe('Postgres');
    expect(screen.getByRole('button', { name: 'Open a-very-long-name-for-a-postgres-template.source.json' }).getAttribute('title')).toBe('a-very-long-name-for-a-postgres-template.source.json');
  });
});
