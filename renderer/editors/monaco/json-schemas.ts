import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import './monaco';

/**
 * The one owner of Monaco's JSON schema list. Monaco's JSON language service has a single, global
 * set of diagnostics options: an editor that set it whole would drop every other editor's schema. So
 * each editor registers its schema by its model URI here, and this module writes the merged list.
 */

type SchemaEntry = { uri: string; fileMatch: string[]; schema: unknown };
const bySchemaUri = new Map<string, SchemaEntry>();
const schemaUriOf = (modelUri: string) => `inmemory://embedded-console/schemas/${encodeURIComponent(modelUri)}`;

function publish() {
  const current = jsonDefaults.diagnosticsOptions;
  // Schemas someone set outside this module (none today) are kept.
  const foreign = (current.schemas ?? []).filter((s) => !s.uri.startsWith('inmemory://embedded-console/schemas/'));
  jsonDefaults.setDiagnosticsOptions({
    ...current,
    validate: true,
    enableSchemaRequest: false,
    schemas: [...foreign, ...bySchemaUri.values()],
  });
}

/** Attach `schema` to the model with this URI (null detaches it). */
export function setModelSchema(modelUri: string, schema: unknown): void {
  const uri = schemaUriOf(modelUri);
  if (schema === null || schema === undefined) {
    if (!bySchemaUri.delete(uri)) return;
  } else bySchemaUri.set(uri, { uri, fileMatch: [modelUri], schema });
  publish();
}

/** The schemas registered here, by model URI (tests and diagnostics). */
export function registeredModelSchemas(): Record<string, unknown> {
  return Object.fromEntries([...bySchemaUri.values()].map((e) => [e.fileMatch[0]!, e.schema]));
}
