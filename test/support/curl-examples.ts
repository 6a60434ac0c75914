import { readFileSync } from 'node:fs';

export interface CurlExample {
  file: string;
  /** 1-based line of `curl` in the document. */
  line: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  data: string | undefined;
}

/**
 * Shell words of one curl command starting at `start`: quotes ('…', "…", '\''), backslash-newline
 * continuations (and the blank lines some docs put after them), ending at an unquoted newline,
 * `|` (pipe to jq) or `)` (end of `$(curl …)`).
 */
function words(text: string, start: number, vars: Record<string, string>): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let i = start;
  const push = () => {
    if (current !== null) out.push(current);
    current = null;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && text[i + 1] === '\n') {
      push();
      i += 2;
      while (i < text.length && /\s/.test(text[i] as string)) i++;
      continue;
    }
    if (ch === '\n' || ch === '|' || ch === ')') break;
    if (ch === ' ' || ch === '\t') {
      push();
      i++;
      continue;
    }
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      current = (current ?? '') + text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
        } else if (text[j] === '$') {
          const name = /^\$([A-Z_]+)/.exec(text.slice(j))?.[1] ?? '';
          value += name in vars ? vars[name] : `$${name}`;
          j += name.length + 1;
        } else {
          value += text[j];
          j++;
        }
      }
      current = (current ?? '') + value;
      i = j + 1;
      continue;
    }
    if (ch === '\\') {
      current = (current ?? '') + (text[i + 1] ?? '');
      i += 2;
      continue;
    }
    current = (current ?? '') + ch;
    i++;
  }
  push();
  return out;
}

/** Every curl command of a vendor document, parsed into method, URL, headers and body. */
export function curlExamples(file: string, vars: Record<string, string> = {}): CurlExample[] {
  const text = readFileSync(file, 'utf8');
  const examples: CurlExample[] = [];
  const re = /(^|\$\(|\s)curl\s/gm;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text))) {
    const start = match.index + match[0].length - 'curl '.length;
    const argv = words(text, start, vars);
    if (argv[0] !== 'curl') continue;
    let method: string | undefined;
    let url = '';
    let data: string | undefined;
    const headers: Record<string, string> = {};
    for (let i = 1; i < argv.length; i++) {
      const arg = argv[i] as string;
      if (arg === '-X' || arg === '--request') method = argv[++i];
      else if (arg === '-H' || arg === '--header') {
        const [name, ...rest] = (argv[++i] ?? '').split(':');
        headers[(name ?? '').trim().toLowerCase()] = rest.join(':').trim();
      } else if (arg === '-d' || arg === '--data' || arg === '--data-raw') data = argv[++i];
      else if (arg === '--location' || arg === '-L') continue;
      else if (!arg.startsWith('-')) url = arg;
    }
    if (!url) continue;
    const line = text.slice(0, start).split('\n').length;
    examples.push({ file, line, method: method ?? (data !== undefined ? 'POST' : 'GET'), url, headers, data });
  }
  return examples;
}
