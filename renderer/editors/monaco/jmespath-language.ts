/**
 * The `jmespath` language for Monaco: a Monarch tokenizer, markers for errors (at their exact position) and
 * lints (warnings), completions and function hovers. It takes the Monaco namespace as an argument and only
 * type-imports Monaco, but load it the way Monaco is loaded, lazily, with the editor that uses it:
 *
 *   const [{ monaco }, { registerJmespathLanguage }] = await Promise.all([import('./monaco'), import('./jmespath-language')]);
 *   registerJmespathLanguage(monaco, { completions: (text, offset) => client.completions(text, offset) });
 */
import type { monaco as MonacoNamespace } from './monaco';
import type { editor as MonacoEditor, languages as MonacoLanguages, IDisposable } from 'monaco-editor';
import type { CompletionList, WorkerError } from '../../features/catalog/worker/protocol';
import { FUNCTION_DOCS } from '../../features/catalog/query/function-docs';
import type { Lint } from '../../features/catalog/query/lints';
import { errorRange, offsetToPosition, rangeToMonaco } from './jmespath-markers';

type Monaco = typeof MonacoNamespace;

export const JMESPATH_LANGUAGE_ID = 'jmespath';
export const JMESPATH_MARKER_OWNER = 'jmespath';

export const jmespathLanguageConfiguration: MonacoLanguages.LanguageConfiguration = {
  brackets: [
    ['[', ']'],
    ['(', ')'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '{', close: '}' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string'] },
    { open: '`', close: '`', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
    { open: '`', close: '`' },
  ],
  wordPattern: /[A-Za-z_][A-Za-z0-9_]*/,
};

/** Monarch tokens: identifiers, "quoted identifiers", 'raw strings', `literals`, numbers, operators, functions. */
export const jmespathMonarch: MonacoLanguages.IMonarchLanguage = {
  defaultToken: '',
  functions: [...FUNCTION_DOCS.keys()],
  tokenizer: {
    root: [
      [/[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/, { cases: { '@functions': 'keyword', '@default': 'invalid' } }],
      [/[A-Za-z_][A-Za-z0-9_]*/, 'identifier'],
      [/"/, { token: 'variable', next: '@quoted' }],
      [/'/, { token: 'string', next: '@raw' }],
      [/`/, { token: 'type', next: '@literal' }],
      [/-?\d+/, 'number'],
      // `[?` is the bracket `[` then the filter operator: Monarch's @brackets accepts only defined brackets.
      [/\|\||&&|==|!=|<=|>=|[<>!|&?]/, 'operator'],
      [/[[\](){}]/, '@brackets'],
      [/[.,:@*]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    quoted: [
      [/[^"\\]+/, 'variable'],
      [/\\./, 'string.escape'],
      [/"/, { token: 'variable', next: '@pop' }],
    ],
    raw: [
      [/[^'\\]+/, 'string'],
      [/\\./, 'string'],
      [/'/, { token: 'string', next: '@pop' }],
    ],
    literal: [
      [/[^`\\]+/, 'type'],
      [/\\./, 'type'],
      [/`/, { token: 'type', next: '@pop' }],
    ],
  },
};

export type CompletionsFn = (expression: string, offset: number) => Promise<CompletionList>;

export interface JmespathLanguageOptions {
  /** The worker client's completions (catalog-aware). */
  completions?: CompletionsFn;
}

/** Hover text of a function, or null. */
export function functionHover(name: string): string[] | null {
  const doc = FUNCTION_DOCS.get(name);
  return doc ? ['```\n' + doc.signature + '\n```', doc.doc] : null;
}

let languageRegistered = false;

/**
 * Registers the language (once) and its providers; returns what to dispose to drop the providers (e.g. when
 * the catalog closes and the completions function goes away).
 */
export function registerJmespathLanguage(monaco: Monaco, options: JmespathLanguageOptions = {}): IDisposable {
  if (!languageRegistered) {
    monaco.languages.register({ id: JMESPATH_LANGUAGE_ID, aliases: ['JMESPath'] });
    languageRegistered = true;
  }
  const disposables: IDisposable[] = [
    monaco.languages.setMonarchTokensProvider(JMESPATH_LANGUAGE_ID, jmespathMonarch),
    monaco.languages.setLanguageConfiguration(JMESPATH_LANGUAGE_ID, jmespathLanguageConfiguration),
    monaco.languages.registerHoverProvider(JMESPATH_LANGUAGE_ID, {
      provideHover(model, position) {
        const word = model.getWordAtPosition(position);
        if (!word) return null;
        const line = model.getLineContent(position.lineNumber);
        if (!/^\s*\(/.test(line.slice(word.endColumn - 1))) return null;
        const contents = functionHover(word.word);
        if (!contents) return null;
        return {
          range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
          contents: contents.map((value) => ({ value })),
        };
      },
    }),
  ];
  const completions = options.completions;
  if (completions) {
    disposables.push(
      monaco.languages.registerCompletionItemProvider(JMESPATH_LANGUAGE_ID, {
        triggerCharacters: ['.', '"', "'", '[', '(', '{', ',', '|', '&', '?'],
        async provideCompletionItems(model, position) {
          const text = model.getValue();
          const offset = model.getOffsetAt(position);
          let list: CompletionList;
          try {
            list = await completions(text, offset);
          } catch {
            return { suggestions: [] };
          }
          const a = offsetToPosition(text, list.replaceStart);
          const b = offsetToPosition(text, list.replaceEnd);
          const range = new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
          const K = monaco.languages.CompletionItemKind;
          return {
            incomplete: list.incomplete,
            suggestions: list.items.map((item, i) => ({
              label: item.label,
              kind: item.kind === 'function' ? K.Function : item.kind === 'stream' ? K.Value : K.Field,
              insertText: item.insertText,
              detail: item.detail,
              documentation: item.documentation,
              sortText: String(i).padStart(5, '0'),
              range,
            })),
          };
        },
      }),
    );
  }
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}

/** Markers for an evaluation error (exact position; the whole text when the error has none) and the lints. */
export function jmespathMarkers(monaco: Monaco, text: string, error: WorkerError | null, lints: Lint[] = []): MonacoEditor.IMarkerData[] {
  const markers: MonacoEditor.IMarkerData[] = [];
  if (error) {
    markers.push({ severity: monaco.MarkerSeverity.Error, message: error.summary, source: 'JMESPath', code: error.kind, ...errorRange(text, error) });
  }
  for (const lint of lints) {
    markers.push({ severity: monaco.MarkerSeverity.Warning, message: lint.message, source: 'JMESPath', code: lint.code, ...rangeToMonaco(text, lint.start, lint.end) });
  }
  return markers;
}

/** Sets the markers of `model` from an error (or none) and lints. */
export function setJmespathMarkers(monaco: Monaco, model: MonacoEditor.ITextModel, error: WorkerError | null, lints: Lint[] = []): void {
  monaco.editor.setModelMarkers(model, JMESPATH_MARKER_OWNER, jmespathMarkers(monaco, model.getValue(), error, lints));
}
