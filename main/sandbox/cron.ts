/**
 * Quartz cron (seconds minutes hours day-of-month month day-of-week [year]) as used by connection
 * templates: validation plus a plain-English description for the common shapes.
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface FieldRule {
  min: number;
  max: number;
  names?: string[];
  /** 1-based name index (months JAN=1, days SUN=1). */
  nameBase?: number;
  extra?: RegExp;
}

const RULES: FieldRule[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31, extra: /^(L(-\d{1,2})?|LW|\d{1,2}W)$/ },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 1, max: 7, names: DAYS, nameBase: 1, extra: /^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5])$/ },
  { min: 1970, max: 2199 },
];

function value(token: string, rule: FieldRule): number | null {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= rule.min && n <= rule.max ? n : null;
  }
  const idx = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  return idx >= 0 ? idx + (rule.nameBase ?? 0) : null;
}

function validField(field: string, rule: FieldRule, allowQuestion: boolean): boolean {
  if (field === '?') return allowQuestion;
  if (rule.extra?.test(field.toUpperCase())) return true;
  return field.split(',').every((part) => {
    const [range, step] = part.split('/');
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return false;
    if (range === '*') return true;
    if (range === undefined || range === '') return false;
    const [from, to] = range.split('-');
    if (from === undefined || value(from, rule) === null) return false;
    return to === undefined || value(to, rule) !== null;
  });
}

export function isValidQuartzCron(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) return false;
  if (!fields.every((f, i) => validField(f, RULES[i] as FieldRule, i === 3 || i === 5))) return false;
  // Quartz requires exactly one of day-of-month and day-of-week to be '?'.
  return (fields[3] === '?') !== (fields[5] === '?');
}

const pad = (n: string) => n.padStart(2, '0');

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

function dayOfWeekText(field: string): string {
  const name = (token: string) => {
    const n = /^\d+$/.test(token) ? Number(token) - 1 : DAYS.indexOf(token.toUpperCase());
    return DAY_NAMES[n] ?? token;
  };
  // `2#1`: the first Monday of the month; `6L`: the last Friday of the month.
  const nth = /^([1-7]|[A-Z]{3})#([1-5])$/i.exec(field);
  if (nth) return `on the ${ORDINALS[Number(nth[2]) - 1] ?? nth[2]} ${name(nth[1] as string)} of the month`;
  const last = /^([1-7]|[A-Z]{3})L$/i.exec(field);
  if (last) return `on the last ${name(last[1] as string)} of the month`;
  if (/^[A-Z0-9]+-[A-Z0-9]+$/i.test(field)) {
    const [a, b] = field.split('-') as [string, string];
    return `${name(a)} through ${name(b)}`;
  }
  return field.split(',').map(name).join(', ');
}

/** `L`, `LW`, `L-3`, `15W` read as words; a plain day or list as "on day …". */
function dayOfMonthText(field: string): string {
  if (field === 'L') return 'on the last day of the month';
  if (field === 'LW') return 'on the last weekday of the month';
  const beforeLast = /^L-(\d{1,2})$/.exec(field);
  if (beforeLast) return `${beforeLast[1]} day${beforeLast[1] === '1' ? '' : 's'} before the last day of the month`;
  const nearest = /^(\d{1,2})W$/.exec(field);
  if (nearest) return `on the weekday nearest day ${nearest[1]} of the month`;
  return `on day ${field} of the month`;
}

/** A description for valid expressions, e.g. "At 12:00 every day" for `0 0 12 * * ?`. */
export function describeQuartzCron(expression: string): string {
  const [sec = '0', min = '*', hour = '*', dom = '*', month = '*', dow = '?'] = expression.trim().split(/\s+/);
  let when: string;
  const minuteStep = /^(?:0|\*)\/(\d+)$/.exec(min);
  const hourStep = /^(?:0|\*)\/(\d+)$/.exec(hour);
  if (minuteStep && hour === '*') when = `Every ${minuteStep[1]} minutes`;
  else if (min === '*' && hour === '*') when = sec === '*' ? 'Every second' : 'Every minute';
  else if (/^\d+$/.test(min) && hour === '*') when = min === '0' ? 'Every hour' : `At ${min} minutes past every hour`;
  else if (/^\d+$/.test(min) && hourStep) when = `At ${min} minutes past the hour, every ${hourStep[1]} hours`;
  else if (/^\d+$/.test(min) && /^\d+(,\d+)*$/.test(hour)) when = `At ${hour.split(',').map((h) => `${pad(h)}:${pad(min)}`).join(' and ')}`;
  else when = `At minute ${min} of hour ${hour}`;

  let days: string;
  if (dow !== '?' && dow !== '*') days = `, ${dayOfWeekText(dow)}`;
  else if (dom !== '?' && dom !== '*') days = `, ${dayOfMonthText(dom.toUpperCase())}`;
  else days = when.startsWith('Every') ? '' : ' every day';
  const months = month === '*' ? '' : `, in ${month.split(',').map((m) => MONTHS[Number(m) - 1] ?? m).join(', ')}`;
  return `${when}${days}${months}`;
}
