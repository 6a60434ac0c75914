import { describe, expect, it } from 'vitest';
import type { WidgetEvent, WidgetPreview } from '../../preload/contract';
import { createWidgetStore, ORIGIN_MAX_LENGTH, eventMatches, eventsExport, formatCountdown, secondsLeft, selectedTemplates, tagsOf, type TemplateSummary } from '../../renderer/features/widget/widget-store';
import { fakeApi, ok } from './fake-api';

const PREVIEW_ID = 'a'.repeat(32);

function preview(overrides: Partial<WidgetPreview> = {}): WidgetPreview {
  return {
    previewId: PREVIEW_ID,
    previewUrl: 'http://127.0.0.1:4000/preview/aaaa#k=key',
    previewOrigin: 'http://127.0.0.1:4000',
    profileId: 'sandbox',
    sandbox: true,
    workspace: { id: 'ws-1', name: 'acme-us-demo', region: 'US', created: false },
    allowedOrigin: 'http://127.0.0.1:4000',
    originNotices: [],
    originWarnings: [],
    originMatchesPreviewHost: true,
    widgetUrl: 'http://127.0.0.1:5000/quick-start/widget?workspaceId=ws-1',
    widgetOrigin: 'http://127.0.0.1:5000',
    filters: { sourceTemplateTags: ['finance'], sourceTemplateTagsMode: 'any', connectionTemplateTags: [], connectionTemplateTagsMode: 'any' },
    token: { mintedAt: '2030-01-01T00:00:00.000Z', issuedAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-01T00:20:00.000Z', lifetimeSeconds: 1200, workspaceId: 'ws-1', issuer: 'sandbox', type: 'workspace', roles: [] },
    refresh: { state: 'scheduled', nextAt: '2030-01-01T00:16:00.000Z', count: 0, lastAt: null, lastError: null },
    state: 'live',
    reachability: { state: 'reachable', message: null },
    now: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const event = (seq: number, type: string, payload: unknown = null, direction: WidgetEvent['direction'] = 'in'): WidgetEvent => ({ seq, at: '2030-01-01T00:00:01.000Z', direction, type, payload, note: null });

const templates: TemplateSummary[] = [
  { id: '1', name: 'Stripe Billing', tags: ['finance', 'analytics'], detail: null },
  { id: '2', name: 'Shopify Store', tags: ['free-tier', 'finance'], detail: null },
  { id: '3', name: 'GitHub Engineering', tags: ['engineering'], detail: null },
  { id: '4', name: 'Untagged', tags: [], detail: null },
];

describe('widget filters (§8.3, computed locally)', () => {
  it('selects by any/all, treats an empty list as no filter and compares names exactly', () => {
    expect(selectedTemplates(templates, { tags: [], mode: 'all' }).map((t) => t.id)).toEqual(['1', '2', '3', '4']);
    expect(selectedTemplates(templates, { tags: ['finance'], mode: 'any' }).map((t) => t.id)).toEqual(['1', '2']);
    expect(selectedTemplates(templates, { tags: ['finance', 'engineering'], mode: 'any' }).map((t) => t.id)).toEqual(['1', '2', '3']);
    expect(selectedTemplates(templates, { tags: ['finance', 'analytics'], mode: 'all' }).map((t) => t.id)).toEqual(['1']);
    expect(selectedTemplates(templates, { tags: ['Finance'], mode: 'any' })).toEqual([]);
    expect(tagsOf(templates)).toEqual(['analytics', 'engineering', 'finance', 'free-tier']);
  });
});

describe('widget store', () => {
  it('mints an existing workspace with explicit modes and the typed origin, then re-points the same preview', async () => {
    const { api, calls } = fakeApi({
      'widget:checkOrigin': () => ok({ ok: true, origin: 'http://127.0.0.1:4000', notices: [], warnings: [] }),
      'widget:mint': () => ok(preview()),
      'widget:events': () => ok({ events: [], cursor: 0, dropped: 0 }),
    });
    const store = createWidgetStore(api);
    expect(await store.getState().mint()).toBe(false);
    expect(store.getState().mintError?.message).toMatch(/Choose a workspace/);
    expect(calls.filter((c) => c.channel === 'widget:mint')).toHaveLength(0);

    store.getState().setTarget({ kind: 'existing', workspace: { id: 'ws-1', name: 'acme-us-demo' } });
    store.getState().setSourceFilter({ tags: ['finance'], mode: 'all' });
    store.getState().setOrigin('http://127.0.0.1:4000');
    expect(await store.getState().mint()).toBe(true);
    const mint = calls.find((c) => c.channel === 'widget:mint');
    expect(mint?.input).toEqual({
      target: { kind: 'existing', workspaceId: 'ws-1' },
      allowedOrigin: 'http://127.0.0.1:4000',
      filters: { sourceTemplateTags: ['finance'], sourceTemplateTagsMode: 'all', connectionTemplateTags: [], connectionTemplateTagsMode: 'any' },
    });
    expect(store.getState().preview?.workspace.name).toBe('acme-us-demo');

    await store.getState().mint();
    expect(calls.filter((c) => c.channel === 'widget:mint').at(-1)?.input).toMatchObject({ previewId: PREVIEW_ID });
  });

  it('says a value it could not check in the answer’s own words, and refuses an over-long one without a call', async () => {
    const { api, calls } = fakeApi({
      'widget:checkOrigin': () => ({ ok: false, error: { code: 'server', message: 'The app could not check the origin right now.', retryable: true } }),
    });
    const store = createWidgetStore(api);
    await store.getState().checkOrigin('https://yourapp.com');
    const unchecked = store.getState().originCheck;
    expect(unchecked).toMatchObject({ ok: false, message: 'The app could not check the origin right now.' });
    expect(JSON.stringify(unchecked)).not.toMatch(/check failed|Try again/);

    const before = calls.length;
    await store.getState().checkOrigin(`https://${'a'.repeat(ORIGIN_MAX_LENGTH)}.com`);
    expect(calls.length).toBe(before);
    const long = store.getState().originCheck;
    expect(long).toMatchObject({ ok: false, message: expect.stringMatching(/^An origin is at most 2,048 characters: shorten it/) });
  });

  it('refuses a typed origin by its §10.3 rule before minting, and sends none when left empty', async () => {
    const { api, calls } = fakeApi({
      'widget:checkOrigin': () => ok({ ok: false, rule: 'no wildcards', message: '“*.yourapp.com” has a wildcard.', fix: 'Type one exact origin.' }),
      'widget:mint': () => ok(preview({ workspace: { id: 'ws-new', name: 'demo', region: 'EU', created: true } })),
      'widget:events': () => ok({ events: [], cursor: 0, dropped: 0 }),
    });
    const store = createWidgetStore(api);
    store.getState().setTarget({ kind: 'new', name: ' demo ', region: 'EU' });
    store.getState().setOrigin('*.yourapp.com');
    await store.getState().checkOrigin('*.yourapp.com');
    expect(store.getState().originCheck).toMatchObject({ ok: false, rule: 'no wildcards' });
    expect(await store.getState().mint()).toBe(false);
    // Said once, next to the field (the verdict), not again under the Mint button.
    expect(store.getState().mintError).toBeNull();
    expect(store.getState().originCheck).toMatchObject({ message: '“*.yourapp.com” has a wildcard.' });
    expect(calls.some((c) => c.channel === 'widget:mint')).toBe(false);

    store.getState().setOrigin('');
    expect(await store.getState().mint()).toBe(true);
    const input = calls.find((c) => c.channel === 'widget:mint')?.input as Record<string, unknown>;
    expect(input.target).toEqual({ kind: 'new', name: 'demo', region: 'EU' });
    expect(input).not.toHaveProperty('allowedOrigin');
    // The created workspace is now an existing one: a second mint re-points instead of creating again.
    expect(store.getState().target).toEqual({ kind: 'existing', workspace: { id: 'ws-new', name: 'demo' } });
  });

  it('keeps a countdown on main’s clock', async () => {
    const { api } = fakeApi({ 'widget:mint': () => ok(preview()), 'widget:events': () => ok({ events: [], cursor: 0, dropped: 0 }) });
    // Our clock runs 10 minutes behind main's.
    const ours = Date.parse('2029-12-31T23:50:00.000Z');
    const store = createWidgetStore(api, { now: () => ours });
    store.getState().setTarget({ kind: 'existing', workspace: { id: 'ws-1', name: 'acme-us-demo' } });
    await store.getState().mint();
    const { preview: p, clockOffsetMs } = store.getState();
    expect(clockOffsetMs).toBe(10 * 60_000);
    expect(secondsLeft(p!, clockOffsetMs, ours)).toBe(1200);
    expect(secondsLeft(p!, clockOffsetMs, ours + 1_199_500)).toBe(0);
    expect(secondsLeft(p!, clockOffsetMs, ours + 5_000_000)).toBe(0);
    expect(formatCountdown(1199)).toBe('19:59');
    expect(formatCountdown(5)).toBe('0:05');
  });

  it('appends events after the cursor, filters, clears and exports them', async () => {
    let answer = { events: [event(1, 'auth_token_request'), event(2, 'scopedAuthToken', { scopedAuthToken: '[redacted]' }, 'out')], cursor: 2, dropped: 0 };
    const { api, calls } = fakeApi({
      'widget:mint': () => ok(preview()),
      'widget:events': () => ok(answer),
      'widget:clearEvents': () => ok({ cleared: 2 }),
    });
    const store = createWidgetStore(api);
    store.getState().setTarget({ kind: 'existing', workspace: { id: 'ws-1', name: 'acme-us-demo' } });
    await store.getState().mint();
    await store.getState().pollEvents();
    expect(store.getState().events.map((e) => e.seq)).toEqual([1, 2]);
    answer = { events: [event(3, 'end_user_action_result', { message: 'source_created', data: { name: 'x', configuration: { client_secret: '**********' } } })], cursor: 3, dropped: 0 };
    await store.getState().pollEvents();
    expect(calls.filter((c) => c.channel === 'widget:events').at(-1)?.input).toMatchObject({ previewId: PREVIEW_ID, after: 2 });
    expect(store.getState().events.map((e) => e.seq)).toEqual([1, 2, 3]);

    const all = store.getState().events;
    expect(all.filter((e) => eventMatches(e, 'source_created')).map((e) => e.seq)).toEqual([3]);
    expect(all.filter((e) => eventMatches(e, 'OUT')).map((e) => e.seq)).toEqual([2]);
    expect(all.filter((e) => eventMatches(e, '  ')).length).toBe(3);

    const file = eventsExport(store.getState().preview, all);
    expect(file.mimeType).toBe('application/json');
    expect(file.fileName).toMatch(/^widget-events-acme-us-demo-.*\.json$/);
    const parsed = JSON.parse(file.text) as { preview: { workspace: string }; events: WidgetEvent[] };
    expect(parsed.preview.workspace).toBe('acme-us-demo');
    expect(parsed.events).toHaveLength(3);

    await store.getState().clearEvents();
    expect(store.getState().events).toEqual([]);
    // The cursor stays, so cleared entries do not come back.
    answer = { events: [], cursor: 3, dropped: 0 };
    await store.getState().pollEvents();
    expect(calls.filter((c) => c.channel === 'widget:events').at(-1)?.input).toMatchObject({ after: 3 });
    expect(store.getState().events).toEqual([]);
  });

  it('shows refusals in words (copy in the browser shell, expire on a real profile) and drops a preview main forgot', async () => {
    const { api } = fakeApi({
      'widget:mint': () => ok(preview()),
      'widget:events': () => ok({ events: [], cursor: 0, dropped: 0 }),
      'widget:copyToken': () => ({ ok: false, error: { code: 'forbidden', message: 'The browser shell cannot copy the token.', retryable: false } }),
      'widget:expireNow': () => ok(preview({ state: 'expired' })),
      'widget:status': () => ok(preview({ state: 'live', refresh: { state: 'scheduled', nextAt: null, count: 1, lastAt: '2030-01-01T00:00:05.000Z', lastError: null } })),
      'widget:refresh': () => ({ ok: false, error: { code: 'not_found', message: 'That widget preview is not open.', retryable: false } }),
    });
    const store = createWidgetStore(api);
    store.getState().setTarget({ kind: 'existing', workspace: { id: 'ws-1', name: 'acme-us-demo' } });
    await store.getState().mint();
    await store.getState().copyToken();
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'The browser shell cannot copy the token.' });

    await store.getState().expireNow();
    expect(store.getState().preview?.state).toBe('expired');
    await store.getState().pollStatus();
    expect(store.getState().preview?.refresh.count).toBe(1);
    expect(store.getState().notice?.text).toMatch(/fresh one without a reload/);

    await store.getState().refresh();
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'That widget preview is not open.' });
    expect(store.getState().preview).toBeNull();
  });

  it('takes up the profile’s open preview after a reload, and forgets it on another profile', async () => {
    const { api } = fakeApi({
      'widget:list': () => ok([preview({ profileId: 'other', previewId: 'b'.repeat(32) }), preview()]),
      'widget:events': () => ok({ events: [event(1, 'widget_loaded', null, 'host')], cursor: 1, dropped: 0 }),
    });
    const store = createWidgetStore(api);
    await store.getState().restore('sandbox');
    expect(store.getState().preview?.previewId).toBe(PREVIEW_ID);
    await store.getState().pollEvents();
    expect(store.getState().events).toHaveLength(1);
    store.getState().reset();
    expect(store.getState().preview).toBeNull();
    expect(store.getState().events).toEqual([]);
  });
});
