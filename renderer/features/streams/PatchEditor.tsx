import Editor, { type OnChange, type OnMount } from '@monaco-editor/react';
import { memo, useCallback, useEffect, useRef } from 'react';
import type { PatchTextLayout, Problem } from '../../../lib/stream-config';
import { monaco } from '../../editors/monaco/monaco';
import { useColorScheme } from '../../ui/use-color-scheme';

type CodeEditor = Parameters<OnMount>[0];
const MARKER_OWNER = 'stream-patch';
const LOADING = <p role="status">Loading editor…</p>;
const OPTIONS = {
  ariaLabel: 'Patch',
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  automaticLayout: true,
  fontSize: 13,
  tabSize: 2,
  wordWrap: 'on' as const,
  // Wrap between JSON tokens, never inside a pointer like "/destination_sync_mode".
  wordWrapBreakAfterCharacters: ' \t,:',
  wordWrapBreakBeforeCharacters: '',
  folding: true,
  fixedOverflowWidgets: true,
  tabFocusMode: true,
  // The patch is checked against the catalog by lib/stream-config (markers below), not by a JSON schema.
  renderValidationDecorations: 'on' as const,
};

export interface PatchEditorProps {
  value: string;
  onChange(text: string): void;
  layout: PatchTextLayout | null;
  problems: readonly Problem[];
  height?: number;
}

/**
 * The RFC 6902 patch of one stream in Monaco (accessible name "Patch"): every problem of checkPatch becomes a
 * marker on the op it names (locatePatchOps gives each op's offsets), a syntax error one at its offset.
 */
export const PatchEditor = memo(function PatchEditor({ value, onChange, layout, problems, height = 220 }: PatchEditorProps) {
  const scheme = useColorScheme();
  const editorRef = useRef<CodeEditor | null>(null);
  const change = useRef(onChange);
  change.current = onChange;
  const onEditorChange: OnChange = useCallback((text) => change.current(text ?? ''), []);

  const setMarkers = useCallback(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const text = model.getValue();
    if (text !== value) return; // markers belong to the text they were computed for
    const markers = problems.map((problem) => {
      let start = 0;
      let end = text.length;
      if (problem.opIndex !== null && layout?.ops[problem.opIndex]) {
        start = layout.ops[problem.opIndex]!.start;
        end = layout.ops[problem.opIndex]!.end;
      } else if (layout?.error) {
        start = Math.min(layout.error.offset, Math.max(0, text.length - 1));
        end = Math.min(text.length, start + 1);
      }
      const from = model.getPositionAt(start);
      const to = model.getPositionAt(Math.max(end, start + 1));
      return {
        severity: problem.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: `${problem.message}\n${problem.fix}`,
        startLineNumber: from.lineNumber,
        startColumn: from.column,
        endLineNumber: to.lineNumber,
        endColumn: to.column,
      };
    });
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  }, [value, layout, problems]);

  useEffect(setMarkers, [setMarkers]);
  const onMount: OnMount = useCallback(
    (editor) => {
      editorRef.current = editor;
      setMarkers();
    },
    [setMarkers],
  );

  return (
    <div className="patch-editor" data-testid="patch-editor">
      <Editor height={height} language="json" value={value} onChange={onEditorChange} onMount={onMount} theme={scheme === 'dark' ? 'vs-dark' : 'vs'} loading={LOADING} options={OPTIONS} />
    </div>
  );
});
