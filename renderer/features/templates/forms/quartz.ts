/**
 * Quartz cron (the schedule format of connection templates) translated for croner, by hand.
 *
 * Why by hand: Quartz is not the cron croner reads. Quartz has a leading seconds field and an
 * optional 7th year field; `?` means "no specific value" where croner substitutes the current time;
 * day-of-week 1–7 is SUN–SAT where croner counts 0–6; `6L` (last Friday) is croner's `5#L`; `15W`
 * (nearest weekday), `LW` and `L-3` do not exist in croner at all. The croner installed (9.x) has
 * neither a year field nor an alternative-weekday option, so the year and the day-of-month forms it
 * lacks become filters applied to croner's runs. Pure: no clock, no I/O.
 */

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export interface QuartzTranslation {
  /** Six fields for croner: seconds minutes hours day-of-month month day-of-week (croner numbering). */
  pattern: string;
  /** A day-of-month rule croner cannot express (`W`, `LW`, `L-n`), applied to each run's UTC date. */
  dayFilter: ((date: Date) => boolean) | null;
  /** The Quartz year field, applied to each run's UTC year. */
  yearFilter: ((year: number) => boolean) | null;
}

export type QuartzResult = { ok: true; value: QuartzTranslation } | { ok: false; problem: string };

interface Rule {
  label: string;
  min: number;
  max: number;
  names?: string[];
}
const RULES: Rule[] = [
  { label: 'seconds', min: 0, max: 59 },
  { label: 'minutes', min: 0, max: 59 },
  { label: 'hours', min: 0, max: 23 },
  { label: 'day-of-month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { label: 'day-of-week', min: 1, max: 7, names: DAY_NAMES },
  { label: 'year', min: 1970, max: 2199 },
];

function tokenValue(token: string, rule: Rule): number | null {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= rule.min && n <= rule.max ? n : null;
  }
  const index = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + 1 : null;
}

/** A plain list/range/step field (`*`, `5`, `1-5`, `0/15`, `MON-FRI`, `1,3,5`), as Quartz accepts it. */
function plainFieldOk(field: string, rule: Rule): boolean {
  return field.split(',').every((part) => {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined) return false;
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return false;
    if (range === '*') return true;
    if (!range) return false;
    const [from, to, more] = range.split('-');
    if (more !== undefined || from === undefined || tokenValue(from, rule) === null) return false;
    return to === undefined || tokenValue(to, rule) !== null;
  });
}

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

/** Quartz `nW`: the weekday nearest to day n, never crossing into another month. */
export function nearestWeekday(year: number, month: number, day: number): number {
  const last = lastDayOfMonth(year, month);
  const d = Math.min(day, last);
  const dow = new Date(Date.UTC(year, month, d)).getUTCDay();
  if (dow === 6) return d === 1 ? 3 : d - 1; // Saturday: Friday before, or Monday the 3rd
  if (dow === 0) return d === last ? d - 2 : d + 1; // Sunday: Monday after, or Friday before at the month's end
  return d;
}

function lastWeekday(year: number, month: number): number {
  const last = lastDayOfMonth(year, month);
  const dow = new Date(Date.UTC(year, month, last)).getUTCDay();
  return dow === 6 ? last - 1 : dow === 0 ? last - 2 : last;
}

function dayOfMonth(field: string): { croner: string; filter: QuartzTranslation['dayFilter'] } | string {
  const f = field.toUpperCase();
  if (f === '?' || f === '*') return { croner: '*', filter: null };
  if (f === 'L') return { croner: 'L', filter: null };
  if (f === 'LW') return { croner: '*', filter: (d) => d.getUTCDate() === lastWeekday(d.getUTCFullYear(), d.getUTCMonth()) };
  const before = /^L-(\d{1,2})$/.exec(f);
  if (before) {
    const n = Number(before[1]);
    if (n > 30) return 'day-of-month L-n needs n from 0 to 30';
    return { croner: '*', filter: (d) => d.getUTCDate() === lastDayOfMonth(d.getUTCFullYear(), d.getUTCMonth()) - n };
  }
  const weekday = /^(\d{1,2})W$/.exec(f);
  if (weekday) {
    const n = Number(weekday[1]);
    if (n < 1 || n > 31) return 'day-of-month nW needs a day from 1 to 31';
    return { croner: '*', filter: (d) => d.getUTCDate() === nearestWeekday(d.getUTCFullYear(), d.getUTCMonth(), n) };
  }
  if (!plainFieldOk(f, RULES[3]!)) return 'the day-of-month field is not valid (1–31, L, LW, L-n, nW, ?, lists, ranges, steps)';
  return { croner: f, filter: null };
}

/** Quartz day number (1 = SUN) or name → croner's (0 = SUN); names pass as they are (croner reads them). */
const shiftDay = (token: string) => (/^\d+$/.test(token) ? String(Number(token) - 1) : token);

function dayOfWeek(field: string): string | { problem: string } {
  const f = field.toUpperCase();
  if (f === '?' || f === '*') return '*';
  if (f === 'L') return '6'; // L alone in day-of-week: the last day of the week, Saturday
  const special = /^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#([1-5]))$/.exec(f);
  if (special) {
    const day = shiftDay(special[1]!);
    return special[2] === 'L' ? `${day}#L` : `${day}#${special[3]}`;
  }
  if (!plainFieldOk(f, RULES[5]!)) return { problem: 'the day-of-week field is not valid (1–7 or SUN–SAT, nL, n#k, ?, lists, ranges)' };
  return f
    .split(',')
    .map((part) => {
      const [range = '', step] = part.split('/');
      const shifted = range === '*' ? '*' : range.split('-').map(shiftDay).join('-');
      return step === undefined ? shifted : `${shifted}/${step}`;
    })
    .join(',');
}

function yearFilter(field: string): QuartzTranslation['yearFilter'] | string {
  if (field === '*' || field === '?') return null;
  if (!plainFieldOk(field, RULES[6]!)) return 'the year field is not valid (1970–2199, lists, ranges, steps)';
  const parts = field.split(',').map((part) => {
    const [range = '*', step] = part.split('/');
    const [from, to] = range === '*' ? [1970, 2199] : range.split('-').map(Number);
    const lo = from ?? 1970;
    // `2026/2` runs from 2026 on; `2026` alone is that year.
    const hi = to ?? (step !== undefined || range === '*' ? 2199 : lo);
    const by = step === undefined ? 1 : Number(step);
    return (y: number) => y >= lo && y <= hi && (y - lo) % by === 0;
  });
  return (y) => parts.some((p) => p(y));
}

/** Check a Quartz expression the way Quartz does and translate it for croner. */
export function translateQuartz(expression: string): QuartzResult {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length < 6 || fields.length > 7) return { ok: false, problem: `a Quartz schedule has 6 or 7 fields (seconds to day-of-week, then an optional year); this one has ${fields.length}` };
  const [sec, min, hour, dom, month, dow, year = '*'] = fields as [string, string, string, string, string, string, string?];
  for (const [index, field] of [sec, min, hour].entries()) {
    if (!plainFieldOk(field, RULES[index]!)) return { ok: false, problem: `the ${RULES[index]!.label} field is not valid (${RULES[index]!.min}–${RULES[index]!.max}, lists, ranges, steps)` };
  }
  if (!plainFieldOk(month.toUpperCase(), RULES[4]!)) return { ok: false, problem: 'the month field is not valid (1–12 or JAN–DEC, lists, ranges, steps)' };
  // Quartz refuses a schedule with both days set or both left open: exactly one of them is `?`.
  if ((dom === '?') === (dow === '?')) return { ok: false, problem: 'Quartz needs ? in exactly one of day-of-month and day-of-week' };
  const day = dayOfMonth(dom);
  if (typeof day === 'string') return { ok: false, problem: day };
  const week = dayOfWeek(dow);
  if (typeof week !== 'string') return { ok: false, problem: week.problem };
  const years = yearFilter(year);
  if (typeof years === 'string') return { ok: false, problem: years };
  return { ok: true, value: { pattern: [sec, min, hour, day.croner, month.toUpperCase(), week].join(' '), dayFilter: day.filter, yearFilter: years } };
}
