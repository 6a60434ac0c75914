// The only module that imports monaco-editor. Only the editor core, the features the app uses and
// the JSON language are bundled; workers come from this bundle too (no CDN, no AMD loader).
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/gotoLine/register';
// The JMESPath query editor: completions (with snippets) and its error/lint squiggles' hovers.
import 'monaco-editor/features/suggest/register';
// features/suggest/register brings only inline completions; the suggest widget is its controller.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
// ...which brings contributions whose services must be registered too (else "depends on UNKNOWN service").
import 'monaco-editor/editor/contrib/codelens/browser/codeLensCache';
import 'monaco-editor/editor/common/services/treeViewsDndService';
// The Stream editor's dry run (DiffEditor): its breadcrumbs contribution needs the outline model service.
import 'monaco-editor/editor/contrib/documentSymbols/browser/outlineModel';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// @monaco-editor/react would otherwise fetch Monaco from a CDN.
loader.config({ monaco });

export { monaco };
