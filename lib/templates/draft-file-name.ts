/**
 * File names for new drafts: a slug of the template's name plus `.source.json` or
 * `.connection.json`, made unique in the folder with `-2`, `-3`… Always a valid draft file name
 * (letters, digits, dots, dashes; at most 200 characters).
 */
const MAX_SLUG = 80;

export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '');
  return slug === '' ? 'template' : slug;
}

/** `taken` holds the names already in the folder; compared without case (macOS and Windows folders ignore it). */
export function uniqueDraftFileName(name: string, kind: 'source_template' | 'connection_template', taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const slug = slugOf(name);
  const suffix = kind === 'source_template' ? '.source.json' : '.connection.json';
  for (let n = 1; ; n++) {
    const candidate = `${slug}${n === 1 ? '' : `-${n}`}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
