import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { QUERY_HISTORY_MAX, QUERY_MAX_BYTES, QUERY_NAME_MAX, QUERY_NOTE_MAX, type QueryLibrary, type SavedQuery } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { JsonFile } from '../storage/json-file';

/** More saved queries than this per profile is not a library any more; the cap keeps the file bounded. */
export const SAVED_QUERIES_MAX = 500;

const savedSchema = z.object({
  id: z.string(),
  name: z.string().max(QUERY_NAME_MAX),
  query: z.string().max(QUERY_MAX_BYTES),
  note: z.string().max(QUERY_NOTE_MAX),
  updatedAt: z.string(),
});

// Arrays keyed by a field, not records keyed by ids: any id stays an ordinary value.
const fileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(z.object({ profileId: z.string(), saved: z.array(savedSchema), history: z.array(z.string().max(QUERY_MAX_BYTES)).max(QUERY_HISTORY_MAX) })),
});
type QueriesFile = z.infer<typeof fileSchema>;
type ProfileQueries = QueriesFile['profiles'][number];

function profileIn(data: QueriesFile, profileId: string): ProfileQueries {
  let entry = data.profiles.find((p) => p.profileId === profileId);
  if (!entry) {
    entry = { profileId, saved: [], history: [] };
    data.profiles.push(entry);
  }
  return entry;
}

/**
 * Saved JMESPath queries and the recent-query history, per profile, in `queries.json` through the
 * storage module's single writer (`JsonFile`): concurrent saves are applied one after another to
 * the latest value, so none is lost.
 */
export class QueryStore {
  private readonly json: JsonFile<QueriesFile>;

  constructor(file: string, private readonly now: () => Date = () => new Date()) {
    this.json = new JsonFile({
      file,
      label: 'The saved queries file',
      parse: (raw) => fileSchema.parse(raw),
      empty: () => ({ version: 1, profiles: [] }),
      fallback: 'the app started without saved queries',
      maxBytes: 128 * 1024 * 1024,
    });
  }

  static inFolder(userDataDir: string): QueryStore {
    return new QueryStore(path.join(userDataDir, 'queries.json'));
  }

  load(): Promise<void> {
    return this.json.load();
  }

  flush(): Promise<void> {
    return this.json.flush();
  }

  get notice(): string | null {
    return this.json.notice;
  }

  list(profileId: string): QueryLibrary {
    const entry = this.json.current.profiles.find((p) => p.profileId === profileId);
    return { saved: (entry?.saved ?? []).map((q) => ({ ...q })), history: [...(entry?.history ?? [])] };
  }

  save(profileId: string, input: { id?: string | undefined; name: string; query: string; note: string }): Promise<SavedQuery> {
    return this.json.change((data) => {
      const entry = profileIn(data, profileId);
      const updatedAt = this.now().toISOString();
      if (input.id !== undefined) {
        const existing = entry.saved.find((q) => q.id === input.id);
        if (!existing) throw new AppError('not_found', 'That saved query no longer exists (it was deleted); save it as a new one.');
        Object.assign(existing, { name: input.name, query: input.query, note: input.note, updatedAt });
        return { ...existing };
      }
      if (entry.saved.length >= SAVED_QUERIES_MAX) {
        throw new AppError('validation', `At most ${SAVED_QUERIES_MAX} queries can be saved per profile; delete some first.`);
      }
      const created = { id: randomUUID(), name: input.name, query: input.query, note: input.note, updatedAt };
      entry.saved.push(created);
      return { ...created };
    });
  }

  remove(profileId: string, id: string): Promise<boolean> {
    return this.json.change((data) => {
      const entry = data.profiles.find((p) => p.profileId === profileId);
      if (!entry) return false;
      const before = entry.saved.length;
      entry.saved = entry.saved.filter((q) => q.id !== id);
      return entry.saved.length !== before;
    });
  }

  /** Puts a query first in the history; an equal older entry is dropped; at most 100 are kept. */
  remember(profileId: string, query: string): Promise<string[]> {
    return this.json.change((data) => {
      const entry = profileIn(data, profileId);
      entry.history = [query, ...entry.history.filter((q) => q !== query)].slice(0, QUERY_HISTORY_MAX);
      return [...entry.history];
    });
  }
}
