import Editor, { type BeforeMount, type OnChange, type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useRef } from 'react';
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor';
import { useColorScheme } from '../../ui/use-color-scheme';
import { lintExpression } from '../../features/catalog/query/lints';
import type { WorkerError } from '../../features/catalog/worker/protocol';
import { monaco } from './monaco';
import { JMESPATH_LANGUAGE_ID, JMESPATH_MARKER_OWNER, jmespathMarkers, registerJmespathLanguage, setJmespathMarkers, type CompletionsFn } from './jmespath-language';

/**
 * The editor's options, made once: @monaco-editor/react calls `editor.updateOptions(options)` whenever the
 * object's identity changes, and in the standalone editor that rebuilds the configuration (~10 ms) — per
 * keystroke if the object were written inline. Every prop given to <Editor> is stable for the same reason
 * (it is memoized; only `value` changes while typing).
 */
const EDITOR_OPTIONS: MonacoEditor.IStandaloneEditorConstructionOptions = {
  ariaLabel: 'JMESPath query',
  minimap: { enabled: false },
  lineNumbers: 'off',
  glyphMargin: false,
  folding: false,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  fontSize: 14,
  wordWrap: 'on',
  autoClosingOvertype: 'always',
  quickSuggestions: { other: true, strings: true, comments: false },
  fixedOverflowWidgets: true,
  renderLineHighlight: 'none',
  overviewRulerLanes: 0,
  tabFocusMode: true,
};
const LOADING = <p role="status">Loading editor…</p>;

export interface JmespathEditorProps {
  value: string;
  onChange(value: string): void;
  /** The error of evaluating `errorFor` (markers are set only while the text is still that expression). */
  error: WorkerError | null;
  errorFor: string | null;
  completions: CompletionsFn;
  /** Ctrl/Cmd+Enter. */
  onRunNow(): void;
  /** Ctrl/Cmd+S. */
  onSave(): void;
  /** Recent queries, most recent first: ↑ in an empty editor (or on a recalled one, at its start) steps through them. */
  history: readonly string[];
  height?: number;
}

/** The JMESPath query editor ("JMESPath query"): highlighting, markers at exact positions, lints, completions. */
export function JmespathEditor({ value, onChange, error, errorFor, completions, onRunNow, onSave, history, height = 96 }: JmespathEditorProps) {
  const scheme = useColorScheme();
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const handlers = useRef({ onRunNow, onSave, onChange, completions, history });
  handlers.current = { onRunNow, onSave, onChange, completions, history };
  const recall = useRef<{ index: number; text: string } | null>(null);

  // Language providers live as long as this editor (registered before it mounts); completions go through the latest function.
  const registration = useRef<IDisposable | null>(null);
  const register: BeforeMount = useCallback(() => {
    registration.current ??= registerJmespathLanguage(monaco, { completions: (text, offset) => handlers.current.completions(text, offset) });
  }, []);
  const onEditorChange: OnChange = useCallback((text) => handlers.current.onChange(text ?? ''), []);
  useEffect(() => {
    register(monaco);
    return () => {
      registration.current?.dispose();
      registration.current = null;
    };
  }, [register]);

  // Markers: the error only while it belongs to the text shown; lints always. Set only when they change (most
  // keystrokes change neither): new markers make Monaco redecorate and re-render the editor.
  const markersShown = useRef<string | null>(null);
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const text = model.getValue();
    const markers = jmespathMarkers(monaco, text, error && errorFor === text ? error : null, lintExpression(text));
    const key = JSON.stringify([model.id, markers]);
    if (key === markersShown.current) return;
    markersShown.current = key;
    monaco.editor.setModelMarkers(model, JMESPATH_MARKER_OWNER, markers);
  }, [value, error, errorFor]);

  const onMount: OnMount = useCallback((editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => handlers.current.onRunNow());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => handlers.current.onSave());
    editor.onKeyDown((event) => {
      if (event.keyCode !== monaco.KeyCode.UpArrow || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const model = editor.getModel();
      const position = editor.getPosition();
      if (!model || !position) return;
      const text = model.getValue();
      const recalled = recall.current && recall.current.text === text;
      const atStart = position.lineNumber === 1 && position.column === 1;
      if (!(text === '' || (recalled && atStart))) return;
      const list = handlers.current.history;
      const index = recalled && recall.current ? recall.current.index + 1 : 0;
      const next = list[index];
      if (next === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      recall.current = { index, text: next };
      editor.setValue(next);
      editor.setPosition({ lineNumber: 1, column: 1 });
    });
    const model = editor.getModel();
    if (model) setJmespathMarkers(monaco, model, null, lintExpression(model.getValue()));
    markersShown.current = null;
  }, []);

  return (
    <div className="jmespath-editor" data-testid="jmespath-editor">
      <Editor
        height={height}
        language={JMESPATH_LANGUAGE_ID}
        value={value}
        onChange={onEditorChange}
        beforeMount={register}
        onMount={onMount}
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        loading={LOADING}
        options={EDITOR_OPTIONS}
      />
    </div>
  );
}
