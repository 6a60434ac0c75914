import type { AppErrorShape } from '../../../preload/contract';

/** The contract's limit on a workspace name (`workspaceName` in preload/contract/workspaces.ts). */
export const WORKSPACE_NAME_MAX = 255;

export interface CreateProblems {
  /** Shown under the Name field. */
  name: string | null;
  /** The name is taken: offer to open that workspace. */
  taken: boolean;
  /** Not about a field (the API unreachable, …): shown below the form. */
  rest: AppErrorShape | null;
}

/** "Name: at most 255 characters" → "At most 255 characters.": the field's own label already names it. */
function fieldSentence(text: string): string {
  const bare = text.trim().replace(/^name:\s*/i, '');
  const sentence = bare.charAt(0).toUpperCase() + bare.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Puts a refused create next to the field it is about: a refused or taken name under Name, the rest below. */
export function placeCreateProblems(error: AppErrorShape): CreateProblems {
  if (error.code === 'conflict') return { name: error.message, taken: true, rest: null };
  const issues = error.details?.issues ?? [];
  const nameIssue = issues.find((i) => i.path === 'name' || i.path.endsWith('.name'));
  if ((error.code === 'invalid_input' || error.code === 'validation') && (nameIssue || issues.length === 0)) {
    return { name: fieldSentence(issues.length === 1 || !nameIssue ? error.message : nameIssue.message), taken: false, rest: null };
  }
  return { name: null, taken: false, rest: error };
}
