import type { RequestDetail, RequestLogEntry, RequestBody } from '../../../preload/contract';
import { redactHeaders, redactedBody, type ExchangeRecord } from './exchange-record';

/** Bytes of a body the detail view shows before "Show all". */
export const PREVIEW_BODY_BYTES = 64 * 1024;
/** Headers and bodies are kept for the latest calls within this many bytes; older calls keep only their line. */
const DETAIL_BUDGET_BYTES = 32 * 1024 * 1024;

// The request body is the caller's object (small: stream settings, template fields); answers dominate.
const sizeOf = (r: ExchangeRecord) => (r.responseText?.length ?? 0) + 2048;

function preview(body: RequestBody | null): RequestBody | null {
  if (!body || body.text.length <= PREVIEW_BODY_BYTES) return body;
  return { text: body.text.slice(0, PREVIEW_BODY_BYTES), totalBytes: body.totalBytes, truncated: true };
}

/** Older failures kept beyond the ring of all calls, so a filter for failures still finds them after a burst of paging. */
export const KEPT_FAILURES = 100;

/** A call worth keeping longer: an error answer (4xx/5xx) or no answer at all. */
export const isFailure = (entry: Pick<RequestLogEntry, 'status'>) => entry.status === null || entry.status >= 400;

/**
 * The recent API calls, newest last, for the request inspector; bounded so it never grows without end.
 * Two bounds: the last `capacity` calls of any kind, and besides them the last `keptFailures` failures
 * that the ring already dropped (whole-organization paging alone is ~50 calls and would push a 401 out).
 */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  /** Failures that fell out of `entries`, oldest first. */
  private readonly olderFailures: RequestLogEntry[] = [];
  private readonly records = new Map<number, ExchangeRecord>();
  private recordBytes = 0;
  private nextId = 1;

  constructor(
    private readonly capacity = 500,
    private readonly keptFailures = KEPT_FAILURES,
  ) {}

  add(entry: Omit<RequestLogEntry, 'id'>, record?: ExchangeRecord): RequestLogEntry {
    const full = { id: this.nextId++, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) {
      for (const gone of this.entries.splice(0, this.entries.length - this.capacity)) {
        if (isFailure(gone)) this.olderFailures.push(gone);
        else this.forget(gone.id);
      }
      if (this.olderFailures.length > this.keptFailures) {
        for (const gone of this.olderFailures.splice(0, this.olderFailures.length - this.keptFailures)) this.forget(gone.id);
      }
    }
    if (record) {
      this.records.set(full.id, record);
      this.recordBytes += sizeOf(record);
      // Oldest first (Map keeps insertion order): the latest calls keep their detail.
      for (const id of this.records.keys()) {
        if (this.recordBytes <= DETAIL_BUDGET_BYTES || id === full.id) break;
        this.forget(id);
      }
    }
    return full;
  }

  private forget(id: number): void {
    const record = this.records.get(id);
    if (!record) return;
    this.recordBytes -= sizeOf(record);
    this.records.delete(id);
  }

  /** Kept older failures, then the ring; ids only grow, so this is oldest first. */
  list(): RequestLogEntry[] {
    return [...this.olderFailures, ...this.entries];
  }

  /** One call with its headers and bodies; null when the call is no longer in the log. */
  detail(id: number, full: boolean): RequestDetail | null {
    const entry = this.entries.find((e) => e.id === id) ?? this.olderFailures.find((e) => e.id === id);
    if (!entry) return null;
    const record = this.records.get(id);
    if (!record) return { entry, requestHeaders: [], responseHeaders: [], requestBody: null, responseBody: null, kept: false };
    const body = full ? (b: RequestBody | null) => b : preview;
    return {
      entry,
      requestHeaders: redactHeaders(record.requestHeaders),
      responseHeaders: redactHeaders(record.responseHeaders),
      requestBody: body(record.requestBody === undefined ? null : redactedBody({ json: record.requestBody })),
      responseBody: body(record.responseText === undefined ? null : redactedBody({ text: record.responseText, totalBytes: record.responseBytes })),
      kept: true,
    };
  }

  clear(): void {
    this.entries.length = 0;
    this.olderFailures.length = 0;
    this.records.clear();
    this.recordBytes = 0;
  }
}
