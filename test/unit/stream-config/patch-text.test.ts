import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locatePatchOps, opAtOffset } from '../../../lib/stream-config';

const slices = (text: string) => locatePatchOps(text).ops.map((r) => text.slice(r.start, r.end));

describe('locatePatchOps', () => {
  it('finds each top-level op, whatever the layout', () => {
    const text = ' [ {"op":"replace","path":"/sync_mode","value":"incremental"} ,\n  {"op":"remove","path":"/cursor_field/0"},"junk", 3, [1,[2]], {} ]\n';
    expect(slices(text)).toEqual(['{"op":"replace","path":"/sync_mode","value":"incremental"}', '{"op":"remove","path":"/cursor_field/0"}', '"junk"', '3', '[1,[2]]', '{}']);
    expect(locatePatchOps(text).error).toBeNull();
    expect(locatePatchOps('[]')).toEqual({ ops: [], isArray: true, error: null });
  });

  it('reports the offset of a syntax error and keeps the ops before it', () => {
    const text = '[{"op":"remove","path":"/a"}, {"op": "add", "path": "/b" "value": 1}]';
    const layout = locatePatchOps(text);
    expect(layout.ops).toHaveLength(1);
    expect(layout.error).toEqual({ offset: text.indexOf('"value"'), message: 'Expected "," or "}" but found """' });
    expect(locatePatchOps('[{"op":"add"},]').error?.message).toBe('Expected a value but found "]"');
    expect(locatePatchOps('[1').error).toEqual({ offset: 2, message: 'Expected "," or "]" but found the end of the text' });
    expect(locatePatchOps('["abc').error).toEqual({ offset: 1, message: 'Unterminated string' });
    expect(locatePatchOps('[1] x').error?.offset).toBe(4);
  });

  it('says when the document is not an array', () => {
    expect(locatePatchOps('{"op":"add"}')).toEqual({ ops: [], isArray: false, error: null });
  });

  it('survives deep nesting without recursion', () => {
    const deep = `[${'['.repeat(200_000)}${']'.repeat(200_000)}]`;
    expect(locatePatchOps(deep).ops).toHaveLength(1);
  });

  it('maps an offset to its op', () => {
    const text = '[{"a":1}, {"b":2}]';
    const layout = locatePatchOps(text);
    expect(opAtOffset(layout, text.indexOf('"b"'))).toBe(1);
    expect(opAtOffset(layout, 0)).toBe(-1);
  });

  it('property: on JSON.stringify(ops, null, k) it finds exactly the ops, each slice parsing back to its op', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.constantFrom(0, 1, 2, 4, '\t'), (ops, indent) => {
        const text = JSON.stringify(ops, null, indent);
        const layout = locatePatchOps(text);
        expect(layout.error).toBeNull();
        expect(layout.ops).toHaveLength(ops.length);
        layout.ops.forEach((r, i) => expect(JSON.parse(text.slice(r.start, r.end))).toEqual(JSON.parse(JSON.stringify(ops[i]))));
      }),
      { numRuns: 500 },
    );
  });

  it('property: accepts exactly what JSON.parse accepts', () => {
    const near = fc.oneof(
      fc.string({ unit: fc.constantFrom('[', ']', '{', '}', ',', ':', '"', '\\', 'u', '0', '1', '-', '.', 'e', '+', ' ', '\n', 't', 'r', 'n', 'a', 'l', 's', 'f', '\u0001', '\uFEFF'), maxLength: 20 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().chain((v) => {
        const text = JSON.stringify(v);
        return fc.nat(text.length).map((cut) => text.slice(0, cut) + text.slice(cut + 1));
      }),
    );
    fc.assert(
      fc.property(near, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(locatePatchOps(text).error === null, text).toBe(parses);
      }),
      { numRuns: 5000 },
    );
  });
});
