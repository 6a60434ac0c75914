import type { TemplateDraft } from '../../../preload/contract';
import type { AirbyteClient } from '../airbyte/airbyte-client';
import type { JsonFile } from '../storage/json-file';
import type { ConfigValidator } from './config-validation';
import type { ConnectorKnowledge } from './connector-knowledge';
import type { DraftDirectory } from './draft-directory';
import type { DraftSecrets } from './draft-secrets';
import type { DraftState } from './draft-state';

/** What pull, plan and publish work with: one folder, one profile (its state file, client and kept secrets). */
export interface DraftsContext {
  directory: DraftDirectory;
  state: JsonFile<DraftState>;
  profileId: string;
  client: AirbyteClient;
  secrets: DraftSecrets;
  knowledge: ConnectorKnowledge;
  /** Checks source configs against their connector's spec (compiled specs kept for the session). */
  validator: ConfigValidator;
  /** Free file names for new drafts, reserved until `release` (so two writers never pick the same one). */
  allocate(drafts: ReadonlyArray<Pick<TemplateDraft, 'kind'> & { label: string }>): Promise<{ names: string[]; release: (name: string) => void }>;
}

/** The name a draft is listed and named by. */
export function draftLabel(draft: TemplateDraft): string {
  if (draft.kind === 'source_template') return draft.name;
  return draft.data_hosting_type === 'user_hosted' ? draft.destination_name : draft.label;
}

export const notFound = (error: unknown) => (error as { code?: unknown }).code === 'not_found';
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'unknown error');
