import type { RequestLogEntry } from '../../../preload/contract';
import { redactJson } from './redaction';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** "Copy as curl": never the real token; secret body members become placeholders too. */
export function toCurl(method: string, url: string, options: { authorized: boolean; body?: unknown }): string {
  const parts = ['curl', '-X', method, quote(url)];
  if (options.authorized) parts.push('-H', quote('Authorization: Bearer $TOKEN'));
  if (options.body !== undefined) {
    parts.push('-H', quote('Content-Type: application/json'), '--data', quote(JSON.stringify(redactJson(options.body))));
  }
  return parts.join(' ');
}

/** The recent API calls, newest last, for the request inspector; bounded so it never grows without end. */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 500) {}

  add(entry: Omit<RequestLogEntry, 'id'>): RequestLogEntry {
    const full = { id: this.nextId++, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries.length = 0;
  }
}
