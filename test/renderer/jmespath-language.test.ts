import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../lib/jmespath/functions';
import { compile, JmesPathError } from '../../lib/jmespath';
import { FUNCTION_DOCS } from '../../renderer/features/catalog/query/function-docs';
import { lintExpression } from '../../renderer/features/catalog/query/lints';
import { jmesError } from '../../renderer/features/catalog/worker/catalog-engine';
import { errorRange, offsetToPosition, rangeToMonaco } from '../../renderer/editors/monaco/jmespath-markers';
import { functionHover, jmespathMarkers, jmespathMonarch, registerJmespathLanguage } from '../../renderer/editors/monaco/jmespath-language';
import type { CompletionList } from '../../renderer/features/catalog/worker/protocol';

function errorOf(expression: string) {
  try {
    compile(expression).search({ streams: [] });
  } catch (e) {
    if (e instanceof JmesPathError) return jmesError(e);
  }
  throw new Error(`no error for ${expression}`);
}

describe('UTF-16 offset → Monaco position', () => {
  it('counts columns in UTF-16 units, lines at \\n, \\r\\n and \\r', () => {
    expect(offsetToPosition('streams[*].', 11)).toEqual({ lineNumber: 1, column: 12 });
    expect(offsetToPosition('😀.a', 2)).toEqual({ lineNumber: 1, column: 3 }); // after the surrogate pair
    expect(offsetToPosition('a\nbc', 3)).toEqual({ lineNumber: 2, column: 2 });
    expect(offsetToPosition('a\r\nbc', 3)).toEqual({ lineNumber: 2, column: 1 });
    expect(offsetToPosition('a\r\nbc', 2)).toEqual({ lineNumber: 1, column: 2 }); // inside the pair: end of line 1
    expect(offsetToPosition('a\rbc', 2)).toEqual({ lineNumber: 2, column: 1 });
    expect(offsetToPosition('abc', 99)).toEqual({ lineNumber: 1, column: 4 });
    expect(offsetToPosition('abc', -5)).toEqual({ lineNumber: 1, column: 1 });
  });

  it('a zero-width range gets one character, the one before it at the end', () => {
    expect(rangeToMonaco('abc', 1, 1)).toEqual({ startLineNumber: 1, startColumn: 2, endLineNumber: 1, endColumn: 3 });
    expect(rangeToMonaco('abc', 3, 3)).toEqual({ startLineNumber: 1, startColumn: 3, endLineNumber: 1, endColumn: 4 });
    expect(rangeToMonaco('a😀', 3, 3)).toEqual({ startLineNumber: 1, startColumn: 2, endLineNumber: 1, endColumn: 4 }); // the whole pair
    expect(rangeToMonaco('', 0, 0)).toEqual({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 });
  });

  it('errors land at their exact position', () => {
    const text = 'streams[*].';
    // Python: column 11, the end: the marker covers the final '.'.
    expect(errorRange(text, errorOf(text))).toEqual({ startLineNumber: 1, startColumn: 11, endLineNumber: 1, endColumn: 12 });
    const emoji = "'😀😀' | foo[?a == ]";
    const e = errorOf(emoji);
    expect(e.position).toBe(19); // the ']'; Python says column 17 (code points)
    expect(errorRange(emoji, e)).toEqual({ startLineNumber: 1, startColumn: 20, endLineNumber: 1, endColumn: 21 });
    const multi = 'streams[?name ==\n  `"x"`] | [0].bad bad';
    const m = errorOf(multi);
    expect(m.token).toEqual({ type: 'unquoted_identifier', value: 'bad' });
    expect(errorRange(multi, m)).toEqual({ startLineNumber: 2, startColumn: 20, endLineNumber: 2, endColumn: 23 }); // the second 'bad'
    const runtime = errorOf('length(`1`)');
    expect(runtime.position).toBeNull();
    expect(errorRange('length(`1`)', runtime)).toEqual({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 12 });
  });
});

describe('lints', () => {
  it('bare true/false/null read as a field in a comparison', () => {
    const lints = lintExpression('streams[?source_defined_cursor==true].name');
    expect(lints).toEqual([
      {
        code: 'bare-literal',
        severity: 'warning',
        start: 32,
        end: 36,
        message: expect.stringContaining('read as a field named "true"'),
        replacement: '`true`',
      },
    ]);
    expect(lintExpression('streams[?null != namespace]')[0]).toMatchObject({ code: 'bare-literal', start: 9, end: 13 });
    expect(lintExpression('streams[?source_defined_cursor==`true`].name')).toEqual([]);
    expect(lintExpression('streams[?a.true == `1`]')).toEqual([]); // a real path member
    expect(lintExpression('streams[?true]')).toEqual([]);
  });

  it('a quoted string compared with a number literal (a 500 on the server)', () => {
    const [lint] = lintExpression("streams[?'a' < `1`]");
    expect(lint).toMatchObject({ code: 'string-number-comparison', start: 9, end: 18 });
    expect(lint?.message).toContain('500');
    expect(lintExpression('`1` == `"1"`')[0]?.message).toContain('always false');
    expect(lintExpression("'a' < 'b'")).toEqual([]);
    expect(lintExpression('`1` < `2`')).toEqual([]);
  });

  it('functions the server does not have', () => {
    expect(lintExpression('streams[?lower(name) == `"x"`]')[0]).toMatchObject({ code: 'unknown-function', start: 9, end: 14, message: expect.stringContaining('other JMESPath dialects') });
    expect(lintExpression('frobnicate(@)')[0]).toMatchObject({ code: 'unknown-function', start: 0, end: 10 });
    expect(lintExpression('length(streams)')).toEqual([]);
  });

  it('positions are UTF-16 offsets, also after non-BMP text', () => {
    expect(lintExpression("'😀' == `1` || x == false")).toEqual([
      expect.objectContaining({ code: 'string-number-comparison', start: 0, end: 11 }),
      expect.objectContaining({ code: 'bare-literal', start: 20, end: 25 }),
    ]);
  });

  it('no lints when the expression does not lex; an incomplete one still lints while typing', () => {
    expect(lintExpression("streams[?a == true && name == 'unclosed")).toEqual([]);
    expect(lintExpression('streams[?a == true')).toHaveLength(1);
    expect(lintExpression('')).toEqual([]);
  });
});

describe('function docs', () => {
  it('one entry per engine function, signatures from its table', () => {
    expect([...FUNCTION_DOCS.keys()]).toEqual(Object.keys(FUNCTIONS).sort());
    for (const doc of FUNCTION_DOCS.values()) expect(doc.doc.length).toBeGreaterThan(10);
    expect(FUNCTION_DOCS.get('sort_by')?.signature).toBe('sort_by(elements: array, expr: &expression) -> array');
    expect(FUNCTION_DOCS.get('not_null')?.signature).toBe('not_null(...argument: any) -> any');
    expect(FUNCTION_DOCS.get('max')?.signature).toBe('max(collection: array[number]|array[string]) -> number|string');
    expect(functionHover('contains')?.[0]).toContain('contains(subject: array|string, search: any) -> boolean');
    expect(functionHover('lower')).toBeNull();
  });
});

describe('Monaco registration (fake Monaco)', () => {
  function fakeMonaco() {
    const calls: Record<string, unknown[]> = {};
    const record = (name: string) => (...args: unknown[]) => {
      (calls[name] ??= []).push(args);
      return { dispose: () => ((calls[`${name}:disposed`] ??= []).push(true)) };
    };
    class Range {
      constructor(
        readonly startLineNumber: number,
        readonly startColumn: number,
        readonly endLineNumber: number,
        readonly endColumn: number,
      ) {}
    }
    const monaco = {
      Range,
      MarkerSeverity: { Error: 8, Warning: 4 },
      languages: {
        register: record('register'),
        setMonarchTokensProvider: record('setMonarchTokensProvider'),
        setLanguageConfiguration: record('setLanguageConfiguration'),
        registerHoverProvider: record('registerHoverProvider'),
        registerCompletionItemProvider: record('registerCompletionItemProvider'),
        CompletionItemKind: { Function: 1, Field: 3, Value: 13 },
      },
    };
    return { monaco, calls };
  }
  const model = (text: string) => ({
    getValue: () => text,
    getOffsetAt: (p: { lineNumber: number; column: number }) => p.column - 1,
    getWordAtPosition: (p: { column: number }) => {
      const m = /[A-Za-z_]\w*/g;
      for (let r = m.exec(text); r; r = m.exec(text)) if (r.index < p.column && p.column - 1 <= r.index + r[0].length) return { word: r[0], startColumn: r.index + 1, endColumn: r.index + 1 + r[0].length };
      return null;
    },
    getLineContent: () => text,
  });

  it('registers the language, tokenizer, hovers and catalog completions', async () => {
    const { monaco, calls } = fakeMonaco();
    const asked: Array<[string, number]> = [];
    const list: CompletionList = {
      items: [
        { label: 'name', kind: 'field', insertText: 'name', detail: 'field' },
        { label: 'length', kind: 'function', insertText: 'length(', detail: 'length(subject: string|array|object) -> number' },
      ],
      replaceStart: 11,
      replaceEnd: 13,
      incomplete: true,
    };
    const reg = registerJmespathLanguage(monaco as never, {
      completions: async (text, offset) => {
        asked.push([text, offset]);
        return list;
      },
    });
    expect(calls.register).toEqual([[{ id: 'jmespath', aliases: ['JMESPath'] }]]);
    expect((calls.setMonarchTokensProvider?.[0] as unknown[])[1]).toBe(jmespathMonarch);

    const [, provider] = calls.registerCompletionItemProvider?.[0] as [string, { provideCompletionItems: (m: unknown, p: unknown) => Promise<{ incomplete: boolean; suggestions: Array<Record<string, unknown>> }> }];
    const result = await provider.provideCompletionItems(model('streams[0].na'), { lineNumber: 1, column: 14 });
    expect(asked).toEqual([['streams[0].na', 13]]);
    expect(result.incomplete).toBe(true);
    expect(result.suggestions[0]).toMatchObject({ label: 'name', kind: 3, insertText: 'name', range: { startLineNumber: 1, startColumn: 12, endLineNumber: 1, endColumn: 14 } });
    expect(result.suggestions[1]).toMatchObject({ kind: 1 });

    const [, hover] = calls.registerHoverProvider?.[0] as [string, { provideHover: (m: unknown, p: unknown) => { contents: Array<{ value: string }> } | null }];
    expect(hover.provideHover(model('length(streams)'), { lineNumber: 1, column: 3 })?.contents[0]?.value).toContain('length(subject: string|array|object) -> number');
    expect(hover.provideHover(model('length(streams)'), { lineNumber: 1, column: 10 })).toBeNull();

    reg.dispose();
    expect(calls['registerCompletionItemProvider:disposed']).toHaveLength(1);
    registerJmespathLanguage(monaco as never);
    expect(calls.register).toHaveLength(1); // the language is registered once
  });

  it('markers: the error at its position, lints as warnings', () => {
    const { monaco } = fakeMonaco();
    const text = 'streams[?x==true].';
    const markers = jmespathMarkers(monaco as never, text, errorOf(text), lintExpression('streams[?x==true]'));
    expect(markers).toEqual([
      expect.objectContaining({ severity: 8, code: 'parse', startColumn: 18, endColumn: 19 }),
      expect.objectContaining({ severity: 4, code: 'bare-literal', startColumn: 13, endColumn: 17 }),
    ]);
  });
});
