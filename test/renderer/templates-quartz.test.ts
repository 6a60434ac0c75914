import { describe, expect, it } from 'vitest';
import { checkQuartzLocally, formatRun, nextQuartzRuns } from '../../renderer/features/templates/forms/cron-preview';
import { nearestWeekday, translateQuartz } from '../../renderer/features/templates/forms/quartz';

// 2026-11-22 is a Sunday. Every expected run below was worked out by hand from a calendar.
const FROM = new Date('2026-11-22T06:00:00Z');
const runs = (expression: string, count = 3) => nextQuartzRuns(expression, count, FROM).map((d) => d.toISOString());

describe('Quartz → croner translation', () => {
  it('turns ? into * and shifts day-of-week numbers (Quartz 1 = SUN, croner 0 = SUN)', () => {
    const daily = translateQuartz('0 0 12 * * ?');
    expect(daily.ok && daily.value.pattern).toBe('0 0 12 * * *');
    const weekly = translateQuartz('0 0 12 ? * 2-6');
    expect(weekly.ok && weekly.value.pattern).toBe('0 0 12 * * 1-5');
    const lastFriday = translateQuartz('0 15 10 ? * 6L');
    expect(lastFriday.ok && lastFriday.value.pattern).toBe('0 15 10 * * 5#L');
    const nth = translateQuartz('0 0 8 ? * 2#1');
    expect(nth.ok && nth.value.pattern).toBe('0 0 8 * * 1#1');
    const names = translateQuartz('0 0 12 ? * mon-fri');
    expect(names.ok && names.value.pattern).toBe('0 0 12 * * MON-FRI');
  });

  it('refuses what Quartz refuses, with the reason', () => {
    expect(translateQuartz('0 0 12')).toEqual({ ok: false, problem: expect.stringMatching(/6 or 7 fields.*has 3/) });
    expect(translateQuartz('0 0 12 * * 1')).toEqual({ ok: false, problem: expect.stringMatching(/exactly one of day-of-month and day-of-week/) });
    expect(translateQuartz('0 0 12 ? * ?')).toEqual({ ok: false, problem: expect.stringMatching(/exactly one/) });
    expect(translateQuartz('0 0 12 ? * 8')).toEqual({ ok: false, problem: expect.stringMatching(/day-of-week/) });
    expect(translateQuartz('0 60 12 * * ?')).toEqual({ ok: false, problem: expect.stringMatching(/minutes/) });
    expect(translateQuartz('0 0 12 * * ? 1800')).toEqual({ ok: false, problem: expect.stringMatching(/year/) });
    expect(translateQuartz('0 0 12 32W * ?')).toEqual({ ok: false, problem: expect.stringMatching(/day-of-month/) });
  });

  it('finds the nearest weekday without leaving the month', () => {
    expect(nearestWeekday(2027, 4, 1)).toBe(3); // Sat 1 May 2027 → Mon 3rd, not Fri 30 April
    expect(nearestWeekday(2026, 10, 15)).toBe(16); // Sun 15 Nov 2026 → Mon 16th
    expect(nearestWeekday(2027, 0, 31)).toBe(29); // Sun 31 Jan 2027 → Fri 29th
    expect(nearestWeekday(2026, 11, 15)).toBe(15); // a Tuesday stays
  });
});

describe('next runs of hand-checked Quartz schedules (UTC)', () => {
  it('0 0 12 * * ? is daily at 12:00', () => {
    expect(runs('0 0 12 * * ?')).toEqual(['2026-11-22T12:00:00.000Z', '2026-11-23T12:00:00.000Z', '2026-11-24T12:00:00.000Z']);
  });
  it('0 0 12 ? * MON-FRI skips the weekend', () => {
    expect(runs('0 0 12 ? * MON-FRI')).toEqual(['2026-11-23T12:00:00.000Z', '2026-11-24T12:00:00.000Z', '2026-11-25T12:00:00.000Z']);
  });
  it('0 0 12 ? * 1 is Sundays (Quartz 1 = Sunday, not Monday)', () => {
    expect(runs('0 0 12 ? * 1')).toEqual(['2026-11-22T12:00:00.000Z', '2026-11-29T12:00:00.000Z', '2026-12-06T12:00:00.000Z']);
  });
  it('0 15 10 ? * 6L is the last Friday of each month', () => {
    expect(runs('0 15 10 ? * 6L')).toEqual(['2026-11-27T10:15:00.000Z', '2026-12-25T10:15:00.000Z', '2027-01-29T10:15:00.000Z']);
  });
  it('0 0/15 * * * ? is every quarter hour', () => {
    expect(runs('0 0/15 * * * ?')).toEqual(['2026-11-22T06:15:00.000Z', '2026-11-22T06:30:00.000Z', '2026-11-22T06:45:00.000Z']);
  });
  it('0 0 12 * * ? 2027 waits for the year', () => {
    expect(runs('0 0 12 * * ? 2027')).toEqual(['2027-01-01T12:00:00.000Z', '2027-01-02T12:00:00.000Z', '2027-01-03T12:00:00.000Z']);
    expect(runs('0 0 12 * * ? 2020')).toEqual([]);
  });
  it('0 0 12 ? * 6#3 2028-2030 is the third Friday, from 2028', () => {
    expect(runs('0 0 12 ? * 6#3 2028-2030', 2)).toEqual(['2028-01-21T12:00:00.000Z', '2028-02-18T12:00:00.000Z']);
  });
  it('0 0 8 ? * 2#1 is the first Monday', () => {
    expect(runs('0 0 8 ? * 2#1')).toEqual(['2026-12-07T08:00:00.000Z', '2027-01-04T08:00:00.000Z', '2027-02-01T08:00:00.000Z']);
  });
  it('W, LW and L-n are applied by hand', () => {
    expect(runs('0 0 12 1W * ?', 6)).toEqual([
      '2026-12-01T12:00:00.000Z',
      '2027-01-01T12:00:00.000Z',
      '2027-02-01T12:00:00.000Z',
      '2027-03-01T12:00:00.000Z',
      '2027-04-01T12:00:00.000Z',
      '2027-05-03T12:00:00.000Z',
    ]);
    expect(runs('0 0 12 LW * ?')).toEqual(['2026-11-30T12:00:00.000Z', '2026-12-31T12:00:00.000Z', '2027-01-29T12:00:00.000Z']);
    expect(runs('0 0 12 L-3 * ?')).toEqual(['2026-11-27T12:00:00.000Z', '2026-12-28T12:00:00.000Z', '2027-01-28T12:00:00.000Z']);
    expect(runs('0 0 12 L * ?')).toEqual(['2026-11-30T12:00:00.000Z', '2026-12-31T12:00:00.000Z', '2027-01-31T12:00:00.000Z']);
  });
});

describe('local check', () => {
  it('describes a valid schedule in words and lists five runs', () => {
    const check = checkQuartzLocally('0 0 12 ? * MON-FRI', FROM);
    expect(check.valid).toBe(true);
    if (!check.valid) return;
    expect(check.description).toMatch(/12:00/);
    expect(check.description).toMatch(/Monday through Friday/);
    expect(check.nextRuns).toHaveLength(5);
    expect(formatRun(check.nextRuns[0]!)).toBe('Mon, 23 Nov 2026, 12:00:00 UTC');
  });
  it('says why an expression is not a schedule', () => {
    const check = checkQuartzLocally('every day', FROM);
    expect(check).toEqual({ valid: false, problem: expect.stringMatching(/6 or 7 fields/) });
  });
});
