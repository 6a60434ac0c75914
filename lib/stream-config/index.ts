// Stream configuration (contract §5.3–5.6) as pure functions, shared by the catalog worker and the UI thread.
export type { DestinationSyncMode, ExpectedStatus, PatchOp, PlannedRequest, Problem, StreamConfig, StreamSettings, SyncMode } from './types';
export { DESTINATION_SYNC_MODES, SYNC_MODES } from './types';
export { defaultsFor, supportsIncremental, type CatalogStream } from './catalog-stream';
export { formatFieldPath, hasSchemaProperties, listSchemaFields, MAX_FIELD_DEPTH, MAX_FIELD_PATHS, schemaHasField, type SchemaField, type SchemaFields } from './schema-fields';
export { checkConfig, checkPatch, hasErrors, MEMBERS, type PatchCheck } from './patch-check';
export { locatePatchOps, opAtOffset, type PatchTextLayout, type TextRange } from './patch-text';
export { configFromForm, formFromConfig, mergeForm, patchFromForm, type StreamForm } from './form-patch';
export { describeEffect } from './effect';
export { computePlan, type Plan, type PlanChange, type PlanEntry, type PlanInput, type StreamReadState, type Verdict } from './plan';
