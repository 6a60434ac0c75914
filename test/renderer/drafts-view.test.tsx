// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftPlan, PlanEntry } from '../../preload/contract';
import { createDraftsStore } from '../../renderer/features/drafts/drafts-store';
import { fakeApi, ok } from './fake-api';

// The views read the app's store module; here it is one bound to a fake Api.
const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../renderer/features/drafts/use-drafts-store', () => ({
  get useDraftsStore() {
    return holder.store;
  },
}));

const { DraftList } = await import('../../renderer/features/drafts/DraftList');
const { PlanPanel } = await import('../../renderer/features/drafts/PlanPanel');

afterEach(cleanup);
// jsdom has no layout: scrolling the plan into view is a no-op here.
Element.prototype.scrollIntoView = function scrollIntoView() {};

const entry = (file: string, action: PlanEntry['action'], over: Partial<PlanEntry> = {}): PlanEntry => ({ file, kind: 'source_template', name: file, action, remoteId: null, changes: [], conflict: null, problems: [], notes: [], ...over });
function planOf(entries: PlanEntry[]): DraftPlan {
  const count = (a: PlanEntry['action']) => entries.filter((e) => e.action === a).length;
  return { planId: 'plan-1', profileId: 'p1', createdAt: '2030-01-01T00:00:00.000Z', entries, summary: { create: count('create'), update: count('update'), unchanged: count('unchanged'), conflict: count('conflict'), invalid: count('invalid') } };
}

function storeWith(handlers: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi({ 'requests:cancel': () => ok({ cancelled: true }), ...handlers });
  const store = createDraftsStore(api, { newRequestId: () => 'req1' });
  holder.store = store;
  return { store, calls };
}

describe('drafts list', () => {
  it('shows each file’s state, and an invalid file with its line and column', async () => {
    const { store } = storeWith({
      'drafts:list': () =>
        ok({
          folder: { path: '/d', source: 'env' },
          revision: 1,
          drafts: [
            { file: 'a.source.json', kind: 'source_template', name: 'A', detail: 'Stripe', problem: null, remoteId: 'r1', local: 'changed', modifiedAt: '2030-01-01T00:00:00.000Z' },
            { file: 'bad.source.json', kind: null, name: null, detail: null, problem: { message: 'Property expected', line: 7, column: 3, field: null }, remoteId: null, local: 'new', modifiedAt: '2030-01-01T00:00:00.000Z' },
          ],
        }),
    });
    await store.getState().loadList();
    const opened: string[] = [];
    render(<DraftList onOpen={(f) => opened.push(f)} />);
    const table = screen.getByRole('table', { name: 'Drafts' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getAllByRole('cell')[4]?.textContent).toBe('changed');
    expect(screen.getByLabelText('Problem in bad.source.json').textContent).toBe('line 7, column 3: Property expected');
    expect(screen.getByRole('status', { name: 'Drafts summary' }).textContent).toBe('2 files: 0 new, 1 changed, 0 unchanged, 1 invalid');
    fireEvent.click(screen.getByRole('button', { name: 'Show the problem of bad.source.json' }));
    expect(opened).toEqual(['bad.source.json']);
  });
});

describe('plan panel', () => {
  it('asks for the propagate choice with nothing ticked, then publishes exactly the plan once', async () => {
    const update = entry('b.source.json', 'update', { remoteId: 'r2', changes: [{ field: 'partial_default_config', before: { port: 1 }, after: { port: 2 } }] });
    const conflict = entry('c.source.json', 'conflict', { conflict: { draft: { name: 'Mine' }, base: { name: 'Base' }, server: { name: 'Theirs' } } });
    const { store, calls } = storeWith({
      'drafts:plan': () => ok(planOf([update, conflict])),
      'drafts:publish': () => ok({ results: [{ file: 'b.source.json', name: 'B', action: 'update', outcome: 'done', message: null, remoteId: 'r2' }] }),
      'drafts:list': () => ok({ folder: { path: '/d', source: 'env' }, revision: 1, drafts: [] }),
    });
    await store.getState().startPlan();
    render(<PlanPanel />);
    expect(screen.getByRole('status', { name: 'Plan summary' }).textContent).toBe('Plan: 0 to create, 1 to update, 0 unchanged, 1 conflict, 0 invalid');
    const changes = screen.getByRole('table', { name: 'Changes of b.source.json' });
    expect(within(changes).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Field', 'Server now (old)', 'Draft (new)']);
    expect(changes.textContent).toContain('"port": 1');
    const sides = screen.getByRole('table', { name: 'Conflict of c.source.json' });
    expect(within(sides).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Field', 'Draft (yours)', 'Base (when pulled)', 'Server (now)']);

    const publish = screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement;
    const yes = screen.getByRole('radio', { name: /Also apply new defaults to sources already built from these templates \(their own values still win\)/ }) as HTMLInputElement;
    const no = screen.getByRole('radio', { name: /Leave those sources as they are/ }) as HTMLInputElement;
    expect(yes.checked || no.checked).toBe(false);
    expect(publish.disabled).toBe(true);
    fireEvent.click(yes);
    expect(publish.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(publish);
      await Promise.resolve();
    });
    await vi.waitFor(() => expect(screen.getByRole('status', { name: 'Publish summary' }).textContent).toBe('Published: 1 done, 0 failed; held back: 0 conflicts, 0 invalid, 0 unchanged'));
    expect((screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((c) => c.channel === 'drafts:publish').map((c) => c.input)).toEqual([{ planId: 'plan-1', propagate: true, requestId: 'req1' }]);
  });
});
