import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { translateQuartz } from './quartz';

/** What the schedule field shows without a network: the description and the next runs (UTC). */
export type LocalCronCheck = { valid: true; description: string; nextRuns: Date[] } | { valid: false; problem: string };

const DAY_MS = 86_400_000;
/** How many croner runs are looked at before giving up on filters that never match (e.g. 30W in February only). */
const MAX_CANDIDATES = 5000;

function startOfNextUtcDay(d: Date): Date {
  return new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS + DAY_MS);
}

/** The next `count` runs after `from`, in UTC (Airbyte runs schedules in UTC). */
export function nextQuartzRuns(expression: string, count: number, from: Date): Date[] {
  const translated = translateQuartz(expression);
  if (!translated.ok) return [];
  const { pattern, dayFilter, yearFilter } = translated.value;
  const cron = new Cron(pattern, { timezone: 'Etc/UTC', paused: true, legacyMode: true });
  const runs: Date[] = [];
  let cursor = from;
  for (let i = 0; i < MAX_CANDIDATES && runs.length < count; i++) {
    const next = cron.nextRun(cursor);
    if (!next) break;
    const year = next.getUTCFullYear();
    if (yearFilter && !yearFilter(year)) {
      if (year >= 2199) break;
      // Skip the rest of the year at once (a second before its end, so a run at 00:00:00 is kept).
      cursor = new Date(Date.UTC(year + 1, 0, 1) - 1000);
      continue;
    }
    if (dayFilter && !dayFilter(next)) {
      cursor = new Date(startOfNextUtcDay(next).getTime() - 1000);
      continue;
    }
    runs.push(next);
    cursor = next;
  }
  return runs;
}

/** Quartz checked and described locally: cronstrue reads Quartz itself (day-of-week 1 = Sunday). */
export function checkQuartzLocally(expression: string, from: Date, count = 5): LocalCronCheck {
  const translated = translateQuartz(expression);
  if (!translated.ok) return { valid: false, problem: translated.problem };
  let nextRuns: Date[];
  try {
    nextRuns = nextQuartzRuns(expression, count, from);
  } catch (error) {
    return { valid: false, problem: error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : 'not a valid schedule' };
  }
  let description: string;
  try {
    description = cronstrue.toString(expression.trim(), { dayOfWeekStartIndexZero: false, use24HourTimeFormat: true, verbose: false });
  } catch {
    description = 'No description for this schedule';
  }
  return { valid: true, description, nextRuns };
}

/** A run as shown: `Mon 23 Nov 2026, 12:00:00 UTC`. */
export function formatRun(date: Date): string {
  const day = date.toLocaleDateString('en-GB', { weekday: 'short', day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}
