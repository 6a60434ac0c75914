/**
 * The three-way decision of a plan for one linked draft, from three hashes of comparable forms: the
 * draft's, the base's (the server version the draft came from) and the server's now.
 */
export type Classification =
  | { action: 'create' }
  | { action: 'update' }
  | { action: 'unchanged'; serverMoved: boolean }
  | { action: 'conflict'; deletedOnServer: boolean };

export interface ClassifyInput {
  /** False when the draft has no server template yet. */
  linked: boolean;
  draftHash: string;
  baseHash: string | null;
  /** Null when the server template is gone (404). */
  serverHash: string | null;
}

export function classifyDraft({ linked, draftHash, baseHash, serverHash }: ClassifyInput): Classification {
  if (!linked) return { action: 'create' };
  if (serverHash === null) return { action: 'conflict', deletedOnServer: true };
  if (draftHash === serverHash) return { action: 'unchanged', serverMoved: false };
  // The server is where the draft started: only the draft moved, send it.
  if (serverHash === baseHash) return { action: 'update' };
  // Only the server moved: nothing to send; a pull brings it into the draft.
  if (draftHash === baseHash) return { action: 'unchanged', serverMoved: true };
  return { action: 'conflict', deletedOnServer: false };
}
