import type { Customization } from '../../../preload/contract';

/** Source template modes in words (the API's values are upper-case enums; a new one is shown as it comes). */
const MODE_WORDS: Record<string, string> = { DIRECT: 'Direct', REPLICATION: 'Replication', MULTI: 'Multi-source' };

/** The stream selection, short, for a list row (the form spells it out). */
const SELECTION_WORDS: Record<Customization['stream_selection_mode'], string> = {
  suggested: 'suggested streams',
  all: 'all streams',
  whitelist: 'whitelisted streams',
};

export const modeInWords = (mode: string) => MODE_WORDS[mode] ?? mode;

/** "Postgres · Replication · whitelisted streams": what a source template row says under its name. */
export function sourceTemplateDetail(connectorName: string | null | undefined, mode: string, selection: Customization['stream_selection_mode'] | undefined): string {
  return [connectorName ?? 'Unknown connector', modeInWords(mode), selection ? SELECTION_WORDS[selection] : null].filter(Boolean).join(' · ');
}
