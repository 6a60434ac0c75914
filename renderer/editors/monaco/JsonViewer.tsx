import Editor from '@monaco-editor/react';
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

/** A read-only JSON view with folding, search and bracket matching. */
export function JsonViewer({ label, value, text, height = 360 }: JsonViewerProps) {
  const scheme = useColorScheme();
  return (
    <div className="json-viewer" role="region" aria-label={label} data-testid="json-viewer">
      <Editor
        height={height}
        language="json"
        value={text ?? JSON.stringify(value, null, 2)}
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        loading={<p role="status">Loading editor…</p>}
        options={{
          readOnly: true,
          ariaLabel: label,
          folding: true,
          showFoldingControls: 'always',
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fontSize: 13,
          wordWrap: 'off',
        }}
      />
    </div>
  );
}
