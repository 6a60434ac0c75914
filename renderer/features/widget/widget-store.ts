import { create } from 'zustand';
import {
  templateMatchesTags,
  type Api,
  type AppErrorShape,
  type OriginCheck,
  type Region,
  type TagsMode,
  type WidgetEvent,
  type WidgetPreview,
  type WorkspaceItem,
} from '../../../preload/contract';
import { fromResult, idle, type Loadable } from '../../state/loadable';
import { createWorkspaceSearch } from '../sources/source-picking';

export interface TemplateSummary {
  id: string;
  name: string;
  tags: string[];
  detail: string | null;
}

export interface Templates {
  sourceTemplates: TemplateSummary[];
  connectionTemplates: TemplateSummary[];
}

export interface TagFilter {
  tags: string[];
  mode: TagsMode;
}

export type WidgetTarget = { kind: 'existing'; workspace: { id: string; name: string } | null } | { kind: 'new'; name: string; region: Region };

/** The longest allowed origin the contract accepts (`widget:checkOrigin`, `widget:mint`): the field's maxLength. */
export const ORIGIN_MAX_LENGTH = 2048;

/** The event log kept in the renderer: at most this many entries (main keeps 2,000). */
export const MAX_EVENTS = 2000;

export interface WidgetState {
  workspaces: Loadable<WorkspaceItem[]>;
  workspaceSearch: string;
  templates: Loadable<Templates>;
  target: WidgetTarget;
  sourceFilter: TagFilter;
  connectionFilter: TagFilter;
  /** What the user typed; '' means "the preview host's origin" (main's default). */
  originText: string;
  /** The §10.3 verdict on `originText` (null while empty or not checked yet). */
  originCheck: OriginCheck | null;
  minting: boolean;
  mintError: AppErrorShape | null;
  preview: WidgetPreview | null;
  /** main's clock minus ours, from the last answer's `now`: the countdown runs on main's clock. */
  clockOffsetMs: number;
  /** A one-line outcome of the last action (copy, refresh, expire), or its refusal. */
  notice: { kind: 'ok' | 'error'; text: string } | null;
  busy: 'refresh' | 'expire' | 'copy' | 'close' | null;
  events: WidgetEvent[];
  cursor: number;
  dropped: number;
  eventFilter: string;
  /** Bumped when the command palette asks for the mint: the setup form moves focus to its next step. */
  focusAsked: number;

  searchWorkspaces(text: string): Promise<void>;
  loadTemplates(): Promise<void>;
  setTarget(target: WidgetTarget): void;
  setSourceFilter(filter: TagFilter): void;
  setConnectionFilter(filter: TagFilter): void;
  setOrigin(text: string): void;
  /** The palette's "Mint widget token…": optionally for a given workspace; focus goes to what is needed next. */
  askMint(workspace?: { id: string; name: string }): void;
  checkOrigin(text: string): Promise<void>;
  mint(): Promise<boolean>;
  /** Re-reads the open preview's facts (countdown, refresh state). */
  pollStatus(): Promise<void>;
  /** Fetches the log entries after the cursor. */
  pollEvents(): Promise<void>;
  refresh(): Promise<void>;
  expireNow(): Promise<void>;
  copyToken(): Promise<void>;
  clearEvents(): Promise<void>;
  setEventFilter(text: string): void;
  closePreview(): Promise<void>;
  /** After a reload of the page: take up the profile's open preview, if main still has one. */
  restore(profileId: string): Promise<void>;
  /** Another profile: forget the preview (main keeps it until closed) and the lists. */
  reset(): void;
}

/** The templates a §8.3 filter selects. */
export function selectedTemplates(templates: readonly TemplateSummary[], filter: TagFilter): TemplateSummary[] {
  return templates.filter((t) => templateMatchesTags(t.tags, filter.tags, filter.mode));
}

/** Every tag the templates carry, sorted, for the filter's choices. */
export function tagsOf(templates: readonly TemplateSummary[]): string[] {
  return [...new Set(templates.flatMap((t) => t.tags))].sort((a, b) => a.localeCompare(b));
}

/** Whether an event matches the log's filter text (type, direction, note or payload). */
export function eventMatches(event: WidgetEvent, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const hay = `${event.direction} ${event.type} ${event.note ?? ''} ${JSON.stringify(event.payload ?? null)}`.toLowerCase();
  return hay.includes(needle);
}

/** The export: the (already redacted) log as JSON, with what it is about. */
export function eventsExport(preview: WidgetPreview | null, events: readonly WidgetEvent[]): { fileName: string; mimeType: string; text: string } {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const about = preview ? { workspace: preview.workspace.name, workspaceId: preview.workspace.id, allowedOrigin: preview.allowedOrigin, widgetUrl: preview.widgetUrl } : null;
  return {
    fileName: `widget-events-${preview ? preview.workspace.name.replace(/[^\w.-]+/g, '_') : 'none'}-${stamp}.json`,
    mimeType: 'application/json',
    text: `${JSON.stringify({ exportedAt: new Date().toISOString(), preview: about, events }, null, 2)}\n`,
  };
}

export function createWidgetStore(api: Api, clock: { now(): number } = { now: () => Date.now() }) {
  let originGeneration = 0;
  let eventsInFlight = false;

  return create<WidgetState>()((set, get) => {
    const workspaceSearch = createWorkspaceSearch(api, set);
    const answer = (preview: WidgetPreview) => {
      const current = get().preview;
      const other = current && current.previewId !== preview.previewId;
      // After "Expire now": the widget's 401 made it ask again and main handed over a fresh token.
      const renewed = !other && current?.state === 'expired' && preview.state === 'live' && preview.refresh.count > current.refresh.count;
      if (renewed) set({ notice: { kind: 'ok', text: 'The widget asked for a new token after the 401; it got a fresh one without a reload.' } });
      set({
        preview,
        clockOffsetMs: Date.parse(preview.now) - clock.now(),
        ...(other ? { events: [], cursor: 0, dropped: 0 } : {}),
      });
    };
    /** A preview main no longer has (closed, app restarted): drop it. */
    const lost = (error: AppErrorShape) => {
      if (error.code === 'not_found') set({ preview: null, events: [], cursor: 0, dropped: 0 });
    };

    return {
      workspaces: idle,
      workspaceSearch: '',
      templates: idle,
      target: { kind: 'existing', workspace: null },
      sourceFilter: { tags: [], mode: 'any' },
      connectionFilter: { tags: [], mode: 'any' },
      originText: '',
      originCheck: null,
      minting: false,
      mintError: null,
      preview: null,
      clockOffsetMs: 0,
      notice: null,
      busy: null,
      events: [],
      cursor: 0,
      dropped: 0,
      eventFilter: '',
      focusAsked: 0,

      searchWorkspaces: (text) => workspaceSearch.search(text),

      loadTemplates: async () => {
        set({ templates: { status: 'loading' } });
        set({ templates: fromResult(await api.workspaces.templates()) });
      },

      setTarget: (target) => set({ target, mintError: null }),
      setSourceFilter: (sourceFilter) => set({ sourceFilter }),
      setConnectionFilter: (connectionFilter) => set({ connectionFilter }),

      askMint: (workspace) => {
        if (workspace) set({ target: { kind: 'existing', workspace: { id: workspace.id, name: workspace.name } }, mintError: null });
        set({ focusAsked: get().focusAsked + 1 });
      },

      setOrigin: (originText) => {
        ++originGeneration;
        set({ originText, originCheck: null });
      },

      checkOrigin: async (text) => {
        const gen = ++originGeneration;
        if (!text.trim()) {
          set({ originCheck: null });
          return;
        }
        const value = text.trim();
        // The field stops at this length; a longer value (set by code) is refused here in words, not
        // sent to be refused by the contract.
        if (value.length > ORIGIN_MAX_LENGTH) {
          set({ originCheck: { ok: false, rule: 'too-long', message: `An origin is at most ${ORIGIN_MAX_LENGTH.toLocaleString('en-US')} characters: shorten it to the scheme, host and port, such as https://yourapp.com.`, fix: 'Shorten it.' } });
          return;
        }
        const result = await api.widget.checkOrigin({ value });
        if (gen !== originGeneration) return;
        // A refused call (the app could not check) is said in its own words, with no rule of §10.3 named.
        set({ originCheck: result.ok ? result.value : { ok: false, rule: 'unchecked', message: result.error.message, fix: '' } });
      },

      mint: async () => {
        const { target, sourceFilter, connectionFilter, originText, preview, minting } = get();
        if (minting) return false;
        if (target.kind === 'existing' && !target.workspace) {
          set({ mintError: { code: 'validation', message: 'Choose a workspace, or type a new demo workspace name.', retryable: false } });
          return false;
        }
        const origin = originText.trim();
        if (origin) {
          // The live check may still be debouncing: check now, and refuse before minting.
          await get().checkOrigin(origin);
          const verdict = get().originCheck;
          // The refusal is shown next to the field (its alert): not a second time under the button.
          if (verdict && !verdict.ok) return false;
        }
        set({ minting: true, mintError: null, notice: null });
        const result = await api.widget.mint({
          target: target.kind === 'existing' ? { kind: 'existing', workspaceId: target.workspace?.id ?? '' } : { kind: 'new', name: target.name.trim(), region: target.region },
          ...(origin ? { allowedOrigin: origin } : {}),
          filters: {
            sourceTemplateTags: sourceFilter.tags,
            sourceTemplateTagsMode: sourceFilter.mode,
            connectionTemplateTags: connectionFilter.tags,
            connectionTemplateTagsMode: connectionFilter.mode,
          },
          ...(preview && preview.state !== 'closed' ? { previewId: preview.previewId } : {}),
        });
        set({ minting: false });
        if (!result.ok) {
          set({ mintError: result.error });
          return false;
        }
        answer(result.value);
        // A created workspace is now an existing one: minting again re-points, it does not create twice.
        if (target.kind === 'new') set({ target: { kind: 'existing', workspace: { id: result.value.workspace.id, name: result.value.workspace.name } } });
        void get().pollEvents();
        return true;
      },

      pollStatus: async () => {
        const preview = get().preview;
        if (!preview) return;
        const result = await api.widget.status({ previewId: preview.previewId });
        if (get().preview?.previewId !== preview.previewId) return;
        if (result.ok) answer(result.value);
        else lost(result.error);
      },

      pollEvents: async () => {
        const preview = get().preview;
        if (!preview || eventsInFlight) return;
        eventsInFlight = true;
        try {
          const after = get().cursor;
          const result = await api.widget.events({ previewId: preview.previewId, ...(after > 0 ? { after } : {}), limit: 500 });
          if (get().preview?.previewId !== preview.previewId) return;
          if (!result.ok) return lost(result.error);
          const { cursor, dropped } = result.value;
          // Idempotent: an entry already seen (an overlapping poll) is never appended twice.
          const seen = Math.max(get().cursor, get().events.at(-1)?.seq ?? 0);
          const events = result.value.events.filter((e) => e.seq > seen);
          if (events.length === 0 && cursor === get().cursor) return;
          const merged = [...get().events, ...events];
          set({ events: merged.length > MAX_EVENTS ? merged.slice(merged.length - MAX_EVENTS) : merged, cursor: Math.max(cursor, seen), dropped });
        } finally {
          eventsInFlight = false;
        }
      },

      refresh: async () => {
        const preview = get().preview;
        if (!preview) return;
        set({ busy: 'refresh', notice: null });
        const result = await api.widget.refresh({ previewId: preview.previewId });
        set({ busy: null });
        if (result.ok) {
          answer(result.value);
          set({ notice: { kind: 'ok', text: 'Token refreshed: the widget got the new token without a reload.' } });
        } else {
          set({ notice: { kind: 'error', text: result.error.message } });
          lost(result.error);
        }
      },

      expireNow: async () => {
        const preview = get().preview;
        if (!preview) return;
        set({ busy: 'expire', notice: null });
        const result = await api.widget.expireNow({ previewId: preview.previewId });
        set({ busy: null });
        if (result.ok) {
          answer(result.value);
          set({ notice: { kind: 'ok', text: 'The sandbox clock moved past the token’s expiry: the widget’s next call gets a 401 and it asks for a new token.' } });
        } else {
          set({ notice: { kind: 'error', text: result.error.message } });
        }
      },

      copyToken: async () => {
        const preview = get().preview;
        if (!preview) return;
        set({ busy: 'copy', notice: null });
        const result = await api.widget.copyToken({ previewId: preview.previewId, kind: 'widget' });
        set({ busy: null, notice: result.ok ? { kind: 'ok', text: 'Widget token copied to the clipboard (it is not shown here).' } : { kind: 'error', text: result.error.message } });
      },

      clearEvents: async () => {
        const preview = get().preview;
        if (!preview) return;
        const result = await api.widget.clearEvents({ previewId: preview.previewId });
        // The cursor stays: entries after it are new ones.
        if (result.ok) set({ events: [], dropped: 0 });
        else set({ notice: { kind: 'error', text: result.error.message } });
      },

      setEventFilter: (eventFilter) => set({ eventFilter }),

      closePreview: async () => {
        const preview = get().preview;
        if (!preview) return;
        set({ busy: 'close' });
        await api.widget.close({ previewId: preview.previewId });
        set({ busy: null, preview: null, events: [], cursor: 0, dropped: 0, notice: null });
      },

      restore: async (profileId) => {
        if (get().preview) return;
        const result = await api.widget.list();
        if (!result.ok || get().preview) return;
        const open = result.value.filter((p) => p.profileId === profileId && p.state !== 'closed').at(-1);
        if (open) {
          answer(open);
          void get().pollEvents();
        }
      },

      reset: () => {
        workspaceSearch.invalidate();
        ++originGeneration;
        set({
          workspaces: idle,
          workspaceSearch: '',
          templates: idle,
          target: { kind: 'existing', workspace: null },
          sourceFilter: { tags: [], mode: 'any' },
          connectionFilter: { tags: [], mode: 'any' },
          mintError: null,
          preview: null,
          notice: null,
          events: [],
          cursor: 0,
          dropped: 0,
        });
      },
    };
  });
}

/** Seconds left until `expiresAt` on main's clock, or null without an expiry. */
export function secondsLeft(preview: WidgetPreview, clockOffsetMs: number, nowMs: number): number | null {
  if (!preview.token.expiresAt) return null;
  return Math.max(0, Math.floor((Date.parse(preview.token.expiresAt) - (nowMs + clockOffsetMs)) / 1000));
}

export function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
