import Editor, { type OnChange } from '@monaco-editor/react';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { setModelSchema } from './json-schemas';
import { monaco } from './monaco';
import { useColorScheme } from '../../ui/use-color-scheme';

export interface SchemaJsonEditorProps {
  /** Accessible name of the editor. */
  label: string;
  /** A path unique to this editor (e.g. `templates/new/partial_default_config.json`): the model's URI. */
  path: string;
  value: string;
  onChange(text: string): void;
  /** JSON Schema to validate and complete against; null for none. */
  schema: unknown;
  readOnly?: boolean;
  height?: number;
}

const LOADING = <p role="status">Loading editor…</p>;

/** An editable JSON document in Monaco whose schema (if any) validates and completes as the user types. */
export const SchemaJsonEditor = memo(function SchemaJsonEditor({ label, path, value, onChange, schema, readOnly = false, height = 220 }: SchemaJsonEditorProps) {
  const scheme = useColorScheme();
  const modelUri = useMemo(() => monaco.Uri.parse(`inmemory://embedded-console/${path.replace(/^\/+/, '')}`).toString(), [path]);
  const change = useRef(onChange);
  change.current = onChange;
  const onEditorChange: OnChange = useCallback((text) => change.current(text ?? ''), []);

  useEffect(() => {
    setModelSchema(modelUri, schema ?? null);
    return () => setModelSchema(modelUri, null);
  }, [modelUri, schema]);

  const options = useMemo(
    () => ({
      ariaLabel: label,
      readOnly,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      automaticLayout: true,
      fontSize: 13,
      tabSize: 2,
      wordWrap: 'on' as const,
      folding: true,
      fixedOverflowWidgets: true,
      // Tab moves focus on: a keyboard user can leave the editor.
      tabFocusMode: true,
      quickSuggestions: { strings: true, other: true, comments: false },
    }),
    [label, readOnly],
  );

  return (
    <div className="schema-json-editor" data-testid={`json-editor-${label}`}>
      <Editor height={height} language="json" path={modelUri} value={value} onChange={onEditorChange} theme={scheme === 'dark' ? 'vs-dark' : 'vs'} loading={LOADING} options={options} />
    </div>
  );
});
