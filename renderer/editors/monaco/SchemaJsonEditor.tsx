import Editor, { type OnChange } from '@monaco-editor/react';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { setModelSchema } from './json-schemas';
import { markerProblems } from './marker-problems';
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
  /**
   * The problems Monaco's JSON service finds in this model (syntax and schema), as sentences naming
   * the field; called whenever they change. Lets a form list them and block saving, not only hover.
   */
  onProblems?(problems: string[]): void;
}

const LOADING = <p role="status">Loading editor…</p>;

/** An editable JSON document in Monaco whose schema (if any) validates and completes as the user types. */
export const SchemaJsonEditor = memo(function SchemaJsonEditor({ label, path, value, onChange, schema, readOnly = false, height = 220, onProblems }: SchemaJsonEditorProps) {
  const scheme = useColorScheme();
  const modelUri = useMemo(() => monaco.Uri.parse(`inmemory://embedded-console/${path.replace(/^\/+/, '')}`).toString(), [path]);
  const change = useRef(onChange);
  change.current = onChange;
  const onEditorChange: OnChange = useCallback((text) => change.current(text ?? ''), []);

  useEffect(() => {
    setModelSchema(modelUri, schema ?? null);
    return () => setModelSchema(modelUri, null);
  }, [modelUri, schema]);

  const problems = useRef(onProblems);
  problems.current = onProblems;
  useEffect(() => {
    const uri = monaco.Uri.parse(modelUri);
    let last = '';
    const report = () => {
      const model = monaco.editor.getModel(uri);
      const markers = model ? monaco.editor.getModelMarkers({ resource: uri }).filter((m) => m.severity >= monaco.MarkerSeverity.Warning) : [];
      const list = model ? markerProblems(model.getValue(), markers) : [];
      // Markers are re-published on every validation pass: only a real change reaches the form.
      const key = JSON.stringify(list);
      if (key === last) return;
      last = key;
      problems.current?.(list);
    };
    const subscription = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === uri.toString())) report();
    });
    report();
    return () => {
      subscription.dispose();
      // The editor goes (or shows another model): its problems go with it.
      problems.current?.([]);
    };
  }, [modelUri]);

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
