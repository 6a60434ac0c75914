import type { TemplateDraft } from '../../../preload/contract';
import { secretNameSchema } from '../../../preload/contract';
import { comparableOf, configKeyOf, shapeOf, withoutConfigPointers, type Comparable } from '../../../lib/templates/comparable';
import { connectionDraftFromServer, sourceDraftFromServer } from '../../../lib/templates/server-drafts';
import { plainSecretPointers, referenceMap, secretFieldLabel } from '../../../lib/templates/secret-values';
import type { ConnectorKnowledge } from './connector-knowledge';

type JsonObject = Record<string, unknown>;

/** A draft seen the way a plan compares it: its secret fields, its references and its comparable form. */
export interface DraftAnalysis {
  draft: TemplateDraft;
  secretPaths: string[];
  /** `{pointer: name}` of the config's `$secret` references. */
  references: Record<string, string>;
  comparable: Comparable;
}

export const configOf = (draft: TemplateDraft): JsonObject => {
  const key = configKeyOf(shapeOf(draft));
  return key ? (((draft as JsonObject)[key] as JsonObject | undefined) ?? {}) : {};
};

export function analyse(draft: TemplateDraft, secretPaths: readonly string[]): DraftAnalysis {
  return {
    draft,
    secretPaths: [...secretPaths],
    references: referenceMap(configOf(draft)),
    comparable: comparableOf(draft as unknown as JsonObject, secretPaths),
  };
}

/** Why a draft can be saved or published as it is not, as far as it can be told offline (plain words). */
export function offlineProblems(analysis: DraftAnalysis): string[] {
  const { draft } = analysis;
  const problems: string[] = [];
  for (const pointer of plainSecretPointers(configOf(draft), analysis.secretPaths)) problems.push(plainSecretMessage(pointer));
  for (const [pointer, name] of Object.entries(analysis.references)) {
    if (!secretNameSchema.safeParse(name).success) problems.push(`The secret reference at “${secretFieldLabel(pointer)}” has an unusable name (“${name.slice(0, 100)}”): use letters, digits, dots, dashes or underscores.`);
  }
  if (draft.kind === 'source_template' && draft.customization.stream_selection_mode === 'whitelist' && (draft.customization.stream_whitelist ?? []).length === 0) {
    problems.push('The stream selection is “whitelist” but the whitelist is empty: list at least one stream, or choose “suggested” or “all”.');
  }
  return problems;
}

export function plainSecretMessage(pointer: string): string {
  return `“${secretFieldLabel(pointer)}” is a secret: leave it to the end user or keep it in the keychain and reference it as {"$secret": "<name>"}.`;
}

/** A server template as a draft, with the secret paths the server's own spec adds. */
export function serverAsDraft(kind: TemplateDraft['kind'], server: JsonObject, knowledge: ConnectorKnowledge, label?: string): { draft: JsonObject; secretPaths: string[] } {
  if (kind === 'source_template') {
    const definitionId = String(server.actor_definition_id ?? server.source_definition_id ?? '');
    const spec = (server.user_config_spec as { connectionSpecification?: unknown } | undefined)?.connectionSpecification;
    const secretPaths = spec ? knowledge.learnFromSpec(definitionId, spec) : knowledge.cached(definitionId);
    return { draft: sourceDraftFromServer(server, secretPaths), secretPaths };
  }
  return { draft: connectionDraftFromServer(server, label), secretPaths: [] };
}

/** Comparable forms with the draft's referenced pointers left out too (a destination has no spec to name its secrets). */
export const stripReferences = (comparable: Comparable, references: Record<string, string>) => withoutConfigPointers(comparable, Object.keys(references));
