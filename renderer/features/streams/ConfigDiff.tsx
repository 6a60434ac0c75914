import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { memo, useCallback, useEffect, useRef } from 'react';
import '../../editors/monaco/monaco';
import { useColorScheme } from '../../ui/use-color-scheme';

type DiffEditorInstance = Parameters<DiffOnMount>[0];
const LOADING = <p role="status">Loading editor…</p>;
const OPTIONS = {
  readOnly: true,
  originalEditable: false,
  renderSideBySide: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  automaticLayout: true,
  fontSize: 13,
  originalAriaLabel: 'Configuration before',
  modifiedAriaLabel: 'Configuration after',
};

/**
 * The dry run: one stream's configuration before → after, in Monaco's diff editor (read-only). The models are
 * kept by the wrapper and disposed here after the editor is gone (disposing them first, as the wrapper does by
 * default, makes Monaco report "TextModel got disposed before DiffEditorWidget model got reset").
 */
export const ConfigDiff = memo(function ConfigDiff({ before, after, height = 200 }: { before: string; after: string; height?: number }) {
  const scheme = useColorScheme();
  const editorRef = useRef<DiffEditorInstance | null>(null);
  const onMount: DiffOnMount = useCallback((editor) => {
    editorRef.current = editor;
  }, []);
  useEffect(
    () => () => {
      const model = editorRef.current?.getModel();
      setTimeout(() => {
        model?.original.dispose();
        model?.modified.dispose();
      }, 0);
    },
    [],
  );
  return (
    <div className="config-diff" data-testid="config-diff">
      <DiffEditor
        height={height}
        language="json"
        original={before}
        modified={after}
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        loading={LOADING}
        options={OPTIONS}
        onMount={onMount}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
      />
    </div>
  );
});
