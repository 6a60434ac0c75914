import type { AppErrorShape } from '../../preload/contract';

/**
 * The extra sentences worth listing under an error's message: only when several fields were refused
 * (one refused field is the message itself), and never one the message already says.
 */
export function extraProblems(error: AppErrorShape): string[] {
  const issues = error.details?.issues ?? [];
  if (issues.length <= 1) return [];
  const seen = new Set<string>();
  const said = error.message.toLowerCase();
  const out: string[] = [];
  for (const { message } of issues) {
    const text = message.trim();
    const key = text.toLowerCase();
    if (!text || seen.has(key) || said.includes(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}
