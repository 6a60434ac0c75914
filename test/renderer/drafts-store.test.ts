import { describe, expect, it } from 'vitest';
import type { DraftList, DraftPlan, DraftSummary, PlanEntry, Result, SourceTemplateDraft } from '../../preload/contract';
import { createDraftsStore, describeProblem, isDirty, planNeedsPropagate, planSummaryLine, publishBlocker } from '../../renderer/features/drafts/drafts-store';
import { fakeApi, fail, ok } from './fake-api';

const DEF = '11111111-2222-3333-4444-555555555555';
const source = (name: string, over: Partial<SourceTemplateDraft> = {}): SourceTemplateDraft => ({
  kind: 'source_template',
  name,
  actor_definition_id: DEF,
  connector_name: 'Stripe',
  mode: 'REPLICATION',
  partial_default_config: { start_date: '2024-01-01' },
  customization: { stream_selection_mode: 'suggested' },
  tags: [],
  server_fields: {},
  ...over,
});
const summary = (file: string, over: Partial<DraftSummary> = {}): DraftSummary => ({
  file,
  kind: 'source_template',
  name: file.replace(/\.json$/, ''),
  detail: 'Stripe',
  problem: null,
  remoteId: null,
  local: 'new',
  modifiedAt: '2030-01-01T00:00:00.000Z',
  ...over,
});
const entry = (file: string, action: PlanEntry['action'], over: Partial<PlanEntry> = {}): PlanEntry => ({ file, kind: 'source_template', name: file, action, remoteId: null, changes: [], conflict: null, problems: [], notes: [], ...over });
const plan = (planId: string, entries: PlanEntry[]): DraftPlan => {
  const count = (a: PlanEntry['action']) => entries.filter((e) => e.action === a).length;
  return { planId, profileId: 'p1', createdAt: '2030-01-01T00:00:00.000Z', entries, summary: { create: count('create'), update: count('update'), unchanged: count('unchanged'), conflict: count('conflict'), invalid: count('invalid') } };
};

/** A folder main would answer for: files with content, a revision that moves on every change. */
function folder() {
  const files = new Map<string, { draft: SourceTemplateDraft | null; text: string; modifiedAt: string; summary: DraftSummary }>();
  let revision = 1;
  let tick = 0;
  const put = (file: string, draft: SourceTemplateDraft | null, over: Partial<DraftSummary> = {}) => {
    const modifiedAt = new Date(Date.UTC(2030, 0, 1, 0, 0, ++tick)).toISOString();
    const text = draft ? `${JSON.stringify(draft, null, 2)}\n` : '{\n  "kind": \n}\n';
    files.set(file, { draft, text, modifiedAt, summary: summary(file, { modifiedAt, name: draft?.name ?? null, ...over }) });
    revision++;
  };
  const list = (): DraftList => ({ folder: { path: '/tmp/drafts', source: 'env' }, revision, drafts: [...files.values()].map((f) => f.summary) });
  return { files, put, list, revision: () => revision };
}

function setup(extra: Record<string, (input: unknown) => Result<unknown> | Promise<Result<unknown>>> = {}) {
  const disk = folder();
  disk.put('stripe.json', source('stripe'));
  let ids = 0;
  const { api, calls } = fakeApi({
    'drafts:list': () => ok(disk.list()),
    'drafts:revision': () => ok({ revision: disk.revision() }),
    'drafts:read': (input) => {
      const f = disk.files.get((input as { file: string }).file);
      if (!f) return fail('server', 'That draft file is not in the folder.');
      return ok({ file: f.summary.file, text: f.text, draft: f.draft, problem: f.summary.problem });
    },
    'drafts:save': (input) => {
      const { file, draft } = input as { file: string | null; draft: SourceTemplateDraft };
      const name = file ?? `${draft.name}.json`;
      disk.put(name, draft);
      return ok({ file: name, summary: disk.files.get(name)?.summary });
    },
    'drafts:secrets': () => ok({ names: [] }),
    'templates:definitions': () => ok({ sources: [], destinations: [], from: 'cache', cachedAt: '2030-01-01T00:00:00.000Z', offlineReason: 'The server cannot be reached.' }),
    'templates:spec': () => ok({ definitionId: DEF, spec: { type: 'object' }, from: 'cache', secretPaths: ['/api_key'] }),
    'templates:catalogStreams': () => ok(null),
    'requests:cancel': () => ok({ cancelled: true }),
    ...extra,
  });
  const store = createDraftsStore(api, { newRequestId: () => `req${++ids}` });
  return { store, calls, disk };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('drafts store: the folder and its files', () => {
  it('lists the folder, and reloads it only when the revision moved (files edited outside the app)', async () => {
    const { store, calls, disk } = setup();
    await store.getState().enter('p1');
    const state = store.getState().list;
    expect(state.status === 'ready' && state.value.drafts.map((d) => d.file)).toEqual(['stripe.json']);
    const lists = () => calls.filter((c) => c.channel === 'drafts:list').length;
    const before = lists();
    await store.getState().pollRevision();
    expect(lists()).toBe(before);
    disk.put('github.json', source('github'));
    await store.getState().pollRevision();
    expect(lists()).toBe(before + 1);
    const after = store.getState().list;
    expect(after.status === 'ready' && after.value.drafts.map((d) => d.file)).toEqual(['stripe.json', 'github.json']);
  });

  it('drops a list answer overtaken by a newer one', async () => {
    const gate = deferred<Result<unknown>>();
    let first = true;
    const disk = folder();
    disk.put('new.json', source('new'));
    const { store } = setup({
      'drafts:list': () => {
        if (first) {
          first = false;
          return gate.promise;
        }
        return ok(disk.list());
      },
    });
    const slow = store.getState().loadList();
    await store.getState().loadList();
    gate.resolve(ok({ ...disk.list(), drafts: [summary('old.json')] }));
    await slow;
    const list = store.getState().list;
    expect(list.status === 'ready' && list.value.drafts.map((d) => d.file)).toEqual(['new.json']);
  });

  it('opens a valid file in the form and an invalid one read-only with its line and column', async () => {
    const { store, disk } = setup();
    disk.put('broken.json', null, { kind: null, problem: { message: 'Value expected', line: 2, column: 11, field: null } });
    await store.getState().enter('p1');
    await store.getState().open('stripe.json');
    expect(store.getState().editor?.draft).toMatchObject({ name: 'stripe' });
    await until(() => store.getState().editor?.spec !== null);
    expect(store.getState().editor?.spec?.secretPaths).toEqual(['/api_key']);

    await store.getState().open('broken.json');
    expect(store.getState().editor).toBeNull();
    const invalid = store.getState().invalid;
    expect(invalid?.problem && describeProblem(invalid.problem)).toBe('line 2, column 11: Value expected');
    expect(invalid?.text).toContain('"kind"');
    expect(describeProblem({ message: 'is required', line: null, column: null, field: 'name' })).toBe('name: is required');
    // The place leads once, not again at the end of main's sentence.
    expect(describeProblem({ message: 'The file is not valid JSON: a comma was expected at line 7, column 3.', line: 7, column: 3, field: null })).toBe('line 7, column 3: The file is not valid JSON: a comma was expected.');
  });

  it('refuses a relative folder before asking main, and reports main’s refusal of an env-set one', async () => {
    const { store, calls } = setup({ 'drafts:setFolder': () => ({ ok: false, error: { code: 'conflict', message: 'The drafts folder is set by EMBEDDED_CONSOLE_DRAFTS_DIR.', retryable: false } }) });
    store.getState().setFolderText('drafts/here');
    expect(await store.getState().changeFolder()).toBe(false);
    expect(store.getState().folderError?.message).toMatch(/full path/);
    await store.getState().enter('p1');
    store.getState().setFolderText('/elsewhere');
    expect(await store.getState().changeFolder()).toBe(false);
    expect(store.getState().folderError?.message).toMatch(/EMBEDDED_CONSOLE_DRAFTS_DIR/);
    expect(calls.filter((c) => c.channel === 'drafts:setFolder')).toHaveLength(0);
  });
});

describe('drafts store: editing and saving', () => {
  it('deletes a file (closing it when open) and changes to a chosen folder, dropping what belonged to the old one', async () => {
    const { store, calls, disk } = setup({
      'drafts:remove': (input) => {
        disk.files.delete((input as { file: string }).file);
        return ok({ removed: true });
      },
      'drafts:setFolder': (input) => ok({ path: (input as { path: string }).path, source: 'chosen' }),
      'drafts:plan': () => ok(plan('p', [entry('stripe.json', 'create')])),
    });
    await store.getState().enter('p1');
    await store.getState().open('stripe.json');
    expect(await store.getState().remove('stripe.json')).toBe(true);
    expect(store.getState().editor).toBeNull();
    const list = store.getState().list;
    expect(list.status === 'ready' && list.value.drafts).toEqual([]);

    await store.getState().startPlan();
    disk.put('elsewhere.json', source('elsewhere'));
    store.getState().setFolderText(' /home/me/drafts ');
    // The folder fixture answers as if set by env: this folder is "chosen" in the answer instead.
    const folderList = store.getState().list;
    if (folderList.status === 'ready') store.setState({ list: { status: 'ready', value: { ...folderList.value, folder: { path: '/d', source: 'default' } } } });
    expect(await store.getState().changeFolder()).toBe(true);
    expect(calls.find((c) => c.channel === 'drafts:setFolder')?.input).toEqual({ path: '/home/me/drafts' });
    expect(store.getState().plan.result).toBeNull();
    expect(store.getState().folderText).toBe('/home/me/drafts');
  });
  it('keeps everything typed when a save is refused, and saves a new draft into the file main names', async () => {
    let refuse = true;
    const saved = folder();
    const refusing = setup({
      'drafts:save': (input) => {
        if (refuse) return { ok: false, error: { code: 'validation', message: 'A secret field holds a plain value: use {"$secret": name} or leave it empty.', retryable: false } };
        const { draft } = input as { draft: SourceTemplateDraft };
        saved.put(`${draft.name}.json`, draft);
        return ok({ file: `${draft.name}.json`, summary: saved.files.get(`${draft.name}.json`)?.summary });
      },
    });
    const s = refusing.store;
    await s.getState().newDraft(source('Billing'));
    s.getState().edit(source('Billing', { partial_default_config: { api_key: 'sk_live_123' } }));
    expect(await s.getState().save()).toBe(false);
    expect(s.getState().editor?.saveError?.message).toMatch(/plain value/);
    expect(s.getState().editor?.draft).toMatchObject({ partial_default_config: { api_key: 'sk_live_123' } });
    expect(isDirty(s.getState().editor)).toBe(true);

    refuse = false;
    s.getState().edit(source('Billing', { partial_default_config: { api_key: { $secret: 'stripe-key' } } }));
    expect(await s.getState().save()).toBe(true);
    expect(s.getState().editor?.file).toBe('Billing.json');
    expect(s.getState().editor?.saveError).toBeNull();
    expect(isDirty(s.getState().editor)).toBe(false);
    const sent = refusing.calls.filter((c) => c.channel === 'drafts:save').at(-1)?.input;
    expect(sent).toMatchObject({ file: null, draft: { partial_default_config: { api_key: { $secret: 'stripe-key' } } } });
  });

  it('reloads an open draft changed on disk when it has no edits, and asks when it has some', async () => {
    const { store, disk } = setup();
    await store.getState().enter('p1');
    await store.getState().open('stripe.json');

    disk.put('stripe.json', source('stripe renamed outside'));
    await store.getState().pollRevision();
    await until(() => {
      const draft = store.getState().editor?.draft;
      return draft?.kind === 'source_template' && draft.name === 'stripe renamed outside';
    });
    expect(store.getState().editor?.diskChange).toBeNull();

    store.getState().edit(source('my edit'));
    disk.put('stripe.json', source('renamed again outside'));
    await store.getState().pollRevision();
    expect(store.getState().editor?.diskChange).toBe('changed');
    expect(store.getState().editor?.draft).toMatchObject({ name: 'my edit' });

    store.getState().keepMine();
    expect(store.getState().editor?.diskChange).toBeNull();
    expect(store.getState().editor?.draft).toMatchObject({ name: 'my edit' });
    // Seen once: the same disk version does not ask again.
    await store.getState().loadList();
    expect(store.getState().editor?.diskChange).toBeNull();

    disk.put('stripe.json', source('third outside edit'));
    await store.getState().pollRevision();
    expect(store.getState().editor?.diskChange).toBe('changed');
    await store.getState().reloadFromDisk();
    expect(store.getState().editor?.draft).toMatchObject({ name: 'third outside edit' });
    expect(isDirty(store.getState().editor)).toBe(false);
  });

  it('does not take its own save for an outside edit', async () => {
    const { store } = setup();
    await store.getState().enter('p1');
    await store.getState().open('stripe.json');
    store.getState().edit(source('saved here'));
    await store.getState().save();
    await store.getState().pollRevision();
    expect(store.getState().editor?.diskChange).toBeNull();
    expect(store.getState().editor?.notice).toBe('Saved in stripe.json.');
  });

  it('keeps a kept secret’s value out of the store: only names come back', async () => {
    const { store, calls } = setup({ 'drafts:setSecret': () => ok({ names: ['stripe-key'] }), 'drafts:removeSecret': () => ok({ names: [] }) });
    expect(await store.getState().keepSecret(' stripe-key ', 'sk_live_999')).toBe(true);
    expect(calls.find((c) => c.channel === 'drafts:setSecret')?.input).toEqual({ name: 'stripe-key', value: 'sk_live_999' });
    expect(store.getState().secrets).toEqual({ status: 'ready', value: ['stripe-key'] });
    expect(JSON.stringify(store.getState())).not.toContain('sk_live_999');
    expect(await store.getState().forgetSecret('stripe-key')).toBe(true);
    expect(store.getState().secrets).toEqual({ status: 'ready', value: [] });
  });
});

describe('drafts store: pull, plan, publish', () => {
  it('publishes exactly the plan shown, once, with the explicit propagate choice', async () => {
    const shown = plan('plan-1', [entry('a.json', 'create'), entry('b.json', 'update', { remoteId: 'r2', changes: [{ field: 'name', before: 'B', after: 'B2' }] }), entry('c.json', 'conflict')]);
    const { store, calls } = setup({
      'drafts:plan': () => ok(shown),
      'drafts:publish': () => ok({ results: [{ file: 'a.json', name: 'a', action: 'create', outcome: 'done', message: null, remoteId: 'r1' }] }),
    });
    await store.getState().enter('p1');
    expect(publishBlocker(store.getState())).toMatch(/Make a plan first/);
    await store.getState().startPlan();
    expect(planSummaryLine(shown.summary)).toBe('1 to create, 1 to update, 0 unchanged, 1 conflict, 0 invalid');
    expect(planNeedsPropagate(store.getState().plan.result)).toBe(true);
    expect(publishBlocker(store.getState())).toMatch(/Choose whether sources/);
    await store.getState().startPublish();
    expect(calls.filter((c) => c.channel === 'drafts:publish')).toHaveLength(0);

    store.getState().setPropagate(false);
    expect(publishBlocker(store.getState())).toBeNull();
    await store.getState().startPublish();
    expect(calls.filter((c) => c.channel === 'drafts:publish').map((c) => c.input)).toEqual([{ planId: 'plan-1', propagate: false, requestId: 'req2' }]);
    expect(store.getState().publish.result?.[0]?.outcome).toBe('done');
    expect(publishBlocker(store.getState())).toMatch(/was published/);
    await store.getState().startPublish();
    expect(calls.filter((c) => c.channel === 'drafts:publish')).toHaveLength(1);

    // A new plan starts with no choice made: propagate is never carried over.
    await store.getState().startPlan();
    expect(store.getState().plan.propagate).toBeNull();
  });

  it('tells the other template views to reload after a publish that changed something, and not after one that did nothing', async () => {
    let outcome: 'done' | 'failed' = 'failed';
    const { api } = fakeApi({
      'drafts:plan': () => ok(plan(`p-${outcome}`, [entry('a.json', 'create')])),
      'drafts:publish': () => ok({ results: [{ file: 'a.json', name: 'a', action: 'create', outcome, message: outcome === 'failed' ? 'The server refused it.' : null, remoteId: null }] }),
      'drafts:list': () => ok(folder().list()),
    });
    let reloads = 0;
    const store = createDraftsStore(api, { newRequestId: () => 'r', onPublished: () => reloads++ });
    await store.getState().startPlan();
    await store.getState().startPublish();
    expect(reloads).toBe(0);
    outcome = 'done';
    await store.getState().startPlan();
    await store.getState().startPublish();
    expect(reloads).toBe(1);
  });

  it('needs no propagate choice for creates only, and refuses a plan with nothing to apply', async () => {
    let next = plan('p-create', [entry('a.json', 'create')]);
    const { store } = setup({ 'drafts:plan': () => ok(next) });
    await store.getState().startPlan();
    expect(publishBlocker(store.getState())).toBeNull();
    next = plan('p-none', [entry('a.json', 'unchanged'), entry('b.json', 'invalid', { problems: ['line 1, column 1: not JSON'] })]);
    await store.getState().startPlan();
    expect(publishBlocker(store.getState())).toMatch(/nothing to create or update/);
  });

  it('shows progress while a pull runs, cancels it by its request id, and shows main’s answer', async () => {
    const gate = deferred<Result<unknown>>();
    const { store, calls } = setup({ 'drafts:pull': () => gate.promise, 'drafts:progress': () => ok({ done: 2, total: 5, phase: 'source templates' }) });
    const pulling = store.getState().startPull();
    expect(store.getState().pull.running).toBe(true);
    await store.getState().pollProgress();
    expect(store.getState().pull.progress).toEqual({ done: 2, total: 5, phase: 'source templates' });
    store.getState().cancel('pull');
    expect(calls.find((c) => c.channel === 'requests:cancel')?.input).toEqual({ requestId: 'req1' });
    gate.resolve(fail('cancelled', 'Cancelled.'));
    await pulling;
    expect(store.getState().pull).toMatchObject({ running: false, error: { code: 'cancelled' }, result: null });
  });

  it('drops an answer of the previous profile, and keeps the open draft across the switch', async () => {
    const gate = deferred<Result<unknown>>();
    const { store } = setup({ 'drafts:plan': () => gate.promise });
    await store.getState().enter('p1');
    await store.getState().open('stripe.json');
    store.getState().edit(source('typed before the switch'));
    const planning = store.getState().startPlan();
    await store.getState().enter('p2');
    gate.resolve(ok(plan('old-profile', [entry('a.json', 'create')])));
    await planning;
    expect(store.getState().plan.result).toBeNull();
    expect(store.getState().plan.running).toBe(false);
    expect(store.getState().editor?.draft).toMatchObject({ name: 'typed before the switch' });
  });

  it('reports a pull summary and refreshes the list', async () => {
    const { store, calls, disk } = setup({
      'drafts:pull': () => {
        disk.put('pulled.json', source('pulled'), { local: 'unchanged', remoteId: 'r9' });
        return ok({ created: ['pulled.json'], updated: [], unchanged: 1, skipped: [{ file: 'stripe.json', reason: 'edited since the pull' }] });
      },
    });
    await store.getState().enter('p1');
    await store.getState().startPull();
    expect(store.getState().pull.result?.skipped[0]?.reason).toBe('edited since the pull');
    const list = store.getState().list;
    expect(list.status === 'ready' && list.value.drafts.some((d) => d.file === 'pulled.json')).toBe(true);
    expect(calls.find((c) => c.channel === 'drafts:pull')?.input).toEqual({ requestId: 'req1' });
  });
});
