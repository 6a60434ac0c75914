import Editor, { type OnMount } from '@monaco-editor/react';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor';
import { useColorScheme } from '../../ui/use-color-scheme';
import './monaco';

export interface JsonViewerProps {
  /** Accessible name of the editor (screen readers and tests find it by this). */
  label: string;
  value?: unknown;
  /** JSON text shown as it is (instead of `value`): e.g. one stream's text from the catalog worker. */
  text?: string;
  height?: number | string;
}

const LOADING = <p role="status">Loading editor…</p>;

/**
 * A read-only JSON view with folding, search and bracket matching.
 *
 * Built for a text that changes on every keystroke (the "Query result"):
 * - memoized, and every prop given to <Editor> (itself memoized) is stable: @monaco-editor/react calls
 *   `editor.updateOptions(options)` for each new options object, which rebuilds the standalone editor's
 *   configuration (~10 ms);
 * - a new text is put in the model here, in a layout effect, and the editor renders it at once
 *   (`editor.render()`), in the same task that received it: left to @monaco-editor/react (a passive effect)
 *   and Monaco's own animation-frame render, it showed a frame later. <Editor> gets the text only as its
 *   initial `defaultValue`, so it never sets it a second time.
 */
export const JsonViewer = memo(function JsonViewer({ label, value, text, height = 360 }: JsonViewerProps) {
  const scheme = useColorScheme();
  const options = useMemo(
    (): MonacoEditor.IStandaloneEditorConstructionOptions => ({
      readOnly: true,
      ariaLabel: label,
      folding: true,
      showFoldingControls: 'always',
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      automaticLayout: true,
      fontSize: 13,
      wordWrap: 'off',
    }),
    [label],
  );
  const shown = useMemo(() => text ?? JSON.stringify(value, null, 2) ?? '', [text, value]);
  const [initial] = useState(shown);
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  /** The text the model holds (set by us), so a re-render with the same text costs nothing. */
  const inModel = useRef(initial);
  const latest = useRef(shown);
  latest.current = shown;

  const show = useCallback((editor: MonacoEditor.IStandaloneCodeEditor, next: string) => {
    if (inModel.current === next) return;
    inModel.current = next;
    editor.setValue(next);
    editor.render();
  }, []);

  useLayoutEffect(() => {
    if (editorRef.current) show(editorRef.current, shown);
  }, [shown, show]);

  const onMount: OnMount = useCallback(
    (editor) => {
      editorRef.current = editor;
      show(editor, latest.current); // a text that came while the editor was loading
    },
    [show],
  );

  return (
    <div className="json-viewer" role="region" aria-label={label} data-testid="json-viewer">
      <Editor height={height} language="json" defaultValue={initial} theme={scheme === 'dark' ? 'vs-dark' : 'vs'} loading={LOADING} options={options} onMount={onMount} />
    </div>
  );
});
