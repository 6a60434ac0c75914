import type { ConnectorSpec, DestinationDefinition, TemplateDraft } from '../../../preload/contract';
import { ConnectionTemplateForm } from '../templates/forms/ConnectionTemplateForm';
import { SourceTemplateForm } from '../templates/forms/SourceTemplateForm';
import type { CatalogStreams } from './drafts-store';
import { SecretFields } from './SecretFields';

export interface DraftFormProps {
  draft: TemplateDraft;
  onChange: (draft: TemplateDraft) => void;
  spec: ConnectorSpec | null;
  catalog: CatalogStreams;
  secretNames: string[];
  destinations: DestinationDefinition[];
  readOnly: boolean;
}

/** The shared template forms (the Templates area edits with the same ones), plus the secret fields of a source draft. */
export function DraftForm({ draft, onChange, spec, catalog, secretNames, destinations, readOnly }: DraftFormProps) {
  if (draft.kind === 'source_template') {
    return (
      <>
        <SourceTemplateForm value={draft} onChange={onChange} spec={spec} catalog={catalog} secretNames={secretNames} readOnly={readOnly} idPrefix="draft" />
        <SecretFields draft={draft} secretPaths={spec?.secretPaths ?? []} names={secretNames} onChange={onChange} readOnly={readOnly} />
      </>
    );
  }
  return <ConnectionTemplateForm value={draft} onChange={onChange} destinations={destinations} readOnly={readOnly} idPrefix="draft" />;
}
