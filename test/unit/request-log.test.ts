import { describe, expect, it } from 'vitest';
import { RequestLog } from '../../main/services/http/request-log';

const call = (status: number | null, path = '/api/v1/workspaces') => ({
  method: 'GET',
  url: `https://api.example.test${path}`,
  status,
  durationMs: 3,
  sizeBytes: 10,
  startedAt: '2025-01-01T00:00:00Z',
  attempt: 1,
  error: status === null ? 'The API could not be reached.' : null,
  curl: 'curl …',
});

describe('request log', () => {
  it('keeps failures that whole-organization paging pushed out of the ring, so a failure filter still finds them', () => {
    const log = new RequestLog(10, 3);
    const unauthorized = log.add(call(401, '/api/v1/account/applications/token'));
    const dns = log.add(call(null));
    for (let i = 0; i < 50; i++) log.add(call(200, `/api/v1/workspaces?page=${i}`));
    const listed = log.list();
    // The ring: the last 10 calls; besides it the two older failures, oldest first.
    expect(listed).toHaveLength(12);
    expect(listed.slice(0, 2).map((e) => e.id)).toEqual([unauthorized.id, dns.id]);
    expect(listed.filter((e) => e.status !== null && e.status >= 400 && e.status < 500)).toHaveLength(1);
    expect(listed.filter((e) => e.status === null)).toHaveLength(1);
    expect(listed.map((e) => e.id)).toEqual([...listed.map((e) => e.id)].sort((a, b) => a - b));
    // Its detail (the line at least) is still there.
    expect(log.detail(unauthorized.id, false)?.entry.status).toBe(401);
  });

  it('keeps only the last N older failures and drops old successes for good', () => {
    const log = new RequestLog(5, 2);
    const failures = [log.add(call(500)), log.add(call(404)), log.add(call(null))];
    for (let i = 0; i < 20; i++) log.add(call(200));
    const listed = log.list();
    expect(listed.filter((e) => e.status !== 200).map((e) => e.id)).toEqual([failures[1]?.id, failures[2]?.id]);
    expect(listed.filter((e) => e.status === 200)).toHaveLength(5);
    expect(log.detail(failures[0]?.id ?? -1, false)).toBeNull();
  });

  it('forgets the kept failures too when cleared', () => {
    const log = new RequestLog(2, 2);
    log.add(call(401));
    for (let i = 0; i < 5; i++) log.add(call(200));
    log.clear();
    expect(log.list()).toEqual([]);
  });
});
