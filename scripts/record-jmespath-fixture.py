#!/usr/bin/env python3
"""Record how Python jmespath 1.1.0 (the engine the Airbyte API uses) answers a set of cases.

Writes test/fixtures/jmespath-python.json, which test/unit/jmespath-parity.test.ts compares our
TypeScript engine (lib/jmespath) against. Cases:
  (a) every case of the peer compliance suite (../shared/peer-suites/jmespath/*.json, not benchmarks.json),
  (b) every expression of the table in ../shared/design/jmespath-dialect.md,
  (c) extra cases below (errors and their positions, incomplete expressions, unicode, functions...).

Usage: python3 scripts/record-jmespath-fixture.py [--suite DIR] [--out FILE]
The output is deterministic: the parity test re-runs this script and checks the committed file is current.

Fixture format:
  {"jmespath": "1.1.0", "documents": [...], "cases": [
     {"source": ..., "expression": ..., "given": <index into documents>,
      "result": <value>                                    (or)
      "error": {"type": <Python exception class>, "message": str(e), "lex_position": <code points or null>},
      "jsView": {"result" | "error": ...}   (only when it differs: the answer for the data as JavaScript sees it,
                                             see js_view() below)}]}
Values that JSON cannot hold are encoded: floats inf/-inf/nan as {"$float": "inf" | "-inf" | "nan"}, a JMESPath
expression reference (Python's _Expression object) as {"$expref": true}. Memory addresses in messages
("<... object at 0x7f...>") are removed so that the output is deterministic.
"""
import argparse
import glob
import json
import math
import os
import re
import sys

import jmespath
from jmespath import parser as jp_parser
from jmespath.visitor import _Expression

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDRESS = re.compile(r' at 0x[0-9a-fA-F]+')


def encode(value):
    """Python answer -> JSON-able value."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {'$float': 'nan'}
        if math.isinf(value):
            return {'$float': 'inf' if value > 0 else '-inf'}
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return ADDRESS.sub('', value)
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, _Expression):
        return {'$expref': True}
    return {'$unknown': ADDRESS.sub('', repr(value))}


JS_SAFE = 2 ** 53
ARRAY_INDEX = re.compile(r'^(0|[1-9][0-9]*)$')


def js_view(value):
    """The same value as JavaScript holds it after JSON.parse: an integral float is a number like any
    integer (1.0 -> 1), an integer from 2**53 on is a double (JavaScript cannot tell it was an integer), and an object lists its array-index keys
    ("0", "1", ...) first, in ascending order, then the others in insertion order."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < JS_SAFE:
            return int(value)
        return value
    if isinstance(value, int):
        return float(value) if abs(value) >= JS_SAFE else value
    if isinstance(value, list):
        return [js_view(v) for v in value]
    if isinstance(value, dict):
        index_keys = sorted((k for k in value if ARRAY_INDEX.match(k) and int(k) < 2 ** 32 - 1), key=int)
        other = [k for k in value if k not in index_keys]
        return {k: js_view(value[k]) for k in index_keys + other}
    return value


def js_view_ast(node):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == 'value' and node.get('type') == 'literal':
                out[k] = js_view(v)
            else:
                out[k] = js_view_ast(v)
        return out
    if isinstance(node, list):
        return [js_view_ast(n) for n in node]
    return node


def outcome(run):
    try:
        return {'result': encode(run())}
    except Exception as e:  # noqa: BLE001 - every Python exception is an answer here
        return {'error': {
            'type': type(e).__name__,
            'message': ADDRESS.sub('', str(e)),
            'lex_position': getattr(e, 'lex_position', None),
        }}


def evaluate(expression, given):
    jp_parser.Parser.purge()
    answer = outcome(lambda: jmespath.compile(expression).search(given))
    # The answer for the data as JavaScript sees it (only when the data or a literal holds such a value).
    try:
        parsed = jmespath.compile(expression)
    except Exception:  # noqa: BLE001
        return answer
    js_ast = js_view_ast(parsed.parsed)
    js_given = js_view(given)
    if js_ast == parsed.parsed and json.dumps(js_given) == json.dumps(given):
        return answer
    js_answer = outcome(lambda: jp_parser.ParsedResult(expression, js_ast).search(js_given))
    # Compared as JavaScript sees both answers (1.0 == 1; an object's key order is its JavaScript one).
    if json.dumps(js_view(js_answer)) != json.dumps(js_view(answer)):
        answer['jsView'] = js_answer
    return answer


# --- (b) the table of ../shared/design/jmespath-dialect.md, (c) extra cases ------------------------------

CATALOG = {'streams': [
    {'name': 'users', 'source_defined_cursor': True, 'supported_sync_modes': ['full_refresh', 'incremental'],
     'n': 3, 'json_schema': {'properties': {'id': {'type': 'integer'}, 'email': {'type': 'string'}}}},
    {'name': 'accounts', 'source_defined_cursor': False, 'supported_sync_modes': ['full_refresh'], 'n': 0},
    {'name': 'événements', 'supported_sync_modes': [], 'n': 1.5},
    {'name': 'orders', 'source_defined_cursor': True, 'supported_sync_modes': ['incremental'], 'n': -2},
]}

MISC = {
    'a': 'x', 'b': 1, 'f': 1.5, 'zero': 0, 't': True, 'fa': False, 'nul': None, 'e': '', 'arr': [], 'obj': {},
    'nums': [3, 1, 2], 'strs': ['b', 'a', '😀', 'é', 'z', '\uffff'], 'mixed': [1, 'a'], 'emoji': '😀ab',
    'k': {'k': 'é'}, 'floatone': 1.0, 'floats': [1.0, 2.5, -0.0], 'neg': -3.7, 'big': 12345678901234567890,
    'people': [{'name': 'a', 'age': 30}, {'name': 'b', 'age': 'x'}, {'name': 'c'}],
    'ages': [{'name': 'a', 'age': 30}, {'name': 'b', 'age': 25}, {'name': 'c', 'age': 30}],
    'nested': [[1, 2], [3, [4]], 5, None], 'objnums': {'b': 1, '1': 2, '0': 3},
    'numstrs': ['1', ' 2 ', '1_000', 'inf', 'x'], 'tricky': [0, '', [], {}, False, None, 'a', 1, 0.0, -1],
}

LIST10 = list(range(10))

DIALECT_TABLE = [
    ("'a' < 'b'", CATALOG), ("streams[?name > 'm'].name", CATALOG), ("'a' < `1`", CATALOG),
    ("avg(`[]`)", CATALOG), ("max_by(`[]`, &a)", CATALOG), ("min_by(`[]`, &a)", CATALOG),
    ('foo.', CATALOG), ('streams[*].', CATALOG), ('foo.|| bar', CATALOG), ('[:::]', LIST10),
    ('length(`"😀ab"`)', MISC), ('reverse(`"😀ab"`)', MISC), ('sort(`["😀", "\uffff", "a"]`)', MISC),
    ('max(`["😀", "\uffff", "a"]`)', MISC), ('to_string(`{"k":"é"}`)', MISC), ("to_string('é')", MISC),
    ('floatone', MISC), ('to_string(floatone)', MISC), ("to_number('0x10')", MISC), ("to_number('')", MISC),
    ("to_number('1_000')", MISC), ("to_number('inf')", MISC), ('`foo`', MISC), ("'\\\\'", MISC),
    ('let $x = `1` in $x', MISC), ('$foo', MISC), ('`1` + `2`', MISC), ('items(@)', MISC), ('group_by(@, &a)', MISC),
    ("lower('A')", MISC), ("split('a,b', ',')", MISC),
    ('streams[?source_defined_cursor==true].name', CATALOG),
    ('streams[?source_defined_cursor==`true`].name', CATALOG),
    ("streams[?contains(supported_sync_modes, 'incremental')].name", CATALOG),
    ("streams[?source_defined_cursor==`true` && contains(supported_sync_modes, 'incremental')].name", CATALOG),
    ('sort_by(streams, &name)[*].name', CATALOG),
]

SYNTAX = [
    'a[', 'a[1', 'a[1:', 'a[?', 'a[?b', 'a[?b]', '{', '{a', '{a:', '{a: b', '{a: b,', '{a: b c}', '{a: b, `1`: c}',
    'foo(', 'foo(a', 'foo(a,', 'length(a b)', 'a.b(', '(a', '(', ')', 'a)', 'a b', 'a ||', 'a &&', '!', 'a | ',
    '&', 'a.[', 'a.{', 'a.[b', 'a.*.', 'a.1', 'a."b"(', '"f"()', '[1]()', '@()', 'a.b.c.', 'a[?b==`1`].', 'a[0].',
    '@.', 'a.@', 'foo[.]', 'a[-]', '-', '-a', 'a = b', 'a =', '=', 'a ==', 'a !', 'a <', '#', 'a#', 'é', 'a.é',
    "'abc", '`abc', '"abc', '"a\\"', '"\\x"', '"\\u12"', '"a\u0001"', '`"a\u0001"`', '`a\u0001`', 'a\u00a0',
    '\u00a0a', "a\u3000", '`"foo`', '`[1,]`', '`NaN`', '`Infinity`', '`-Infinity`', '`1e400`', '`1.0`', '`01`',
    '`tru`', '`  foo`', '` 1 `', '`\ufeff1`', '`"\\ud800"`', '"\\ud83d\\ude00"', "'a\\'b'", '`a\\`b`', '[1:2:3:4]',
    '[1:2:3:]', '[1::2:]', '[:]', '[1:2', '[?a]]', 'a[*]b', 'a[]b', 'a.*b', '*.', '**', '[*][*]', 'a[0][1][',
    'foo[1:2].bar', 'a.😀', '😀', '"😀".x.', "'😀' | x.", '"😀"(', "'😀'.", "'😀' +", '`"😀"` == #', '"😀" == "',
    '', ' ', 'a  .', '\t\n', 'a[?b==`1`]] ', '{"a": b}', '{a: b}.a', 'a[1:2:]', 'a[::]', 'a[0:1:2:3]',
    'a[0 1]', 'a[-1:-1]', 'a.[b, c]', 'a.{b: c}', '!!a', 'a || b && c', 'a && b || c', '(a || b).c', 'a.(b)',
    '&a.b', 'a[&b]', 'a.&b', '[a, b][0]', '{a: b}[0]', 'a[`1`]', 'a[\'1\']', 'a[1,2]', '"a" "b"', 'a.b[0]"c"',
    '`{"a": 1}`.a.', '`{"a": 1}`(', 'a.`1`', 'a.\'b\'', 'foo.[*]', 'foo.[*].bar', '[*', '[*].', '[?@].', 'a[?`1`',
    'length(@', 'length(@,', 'a.b.c(', 'a..b', 'a=b', 'a==b==c', 'a<b<c', '`true`<', '1', 'a.1e', '{a: b}}',
]

FUNCTIONS = [
    'avg(nums)', 'avg(`[1, 2]`)', 'avg(strs)', 'avg(a)', 'avg()', 'max_by(people, &age)', 'min_by(people, &name)',
    'max_by(ages, &age).name', 'min_by(ages, &age).name', 'max_by(`[{"a":true}]`, &a)', 'min_by(`[{"a":1},{"a":"x"}]`, &a)',
    'max_by(`[{"a":"x"},{"a":1}]`, &a)', 'max_by(people, &name)', 'max_by(people, name)', 'sort_by(people, &age)',
    'sort_by(ages, &age)[*].name', 'sort_by(`[]`, &a)', 'sort_by(`[{"a":true}]`, &a)', 'sort_by(`[{"a":1},{"a":"x"}]`, &a)',
    'sort_by(strs, &@)', 'sort_by(people, &name)[*].name', 'sort_by(people)', 'sort_by(people, name)',
    'to_string(`{"k":"é"}`)', 'to_string(k)', 'to_string(`[1,"😀",null,true,1.5,1e-7,0.0001,1e16,123456789012345678901234]`)',
    'to_string(`"\\u007f\\n\\t\\\\ \\"\\u0001\\b\\f\\r/\\ud800"`)', 'to_string(`["\\u007f\\n\\t\\\\ \\"\\u0001\\b\\f\\r/\\ud800"]`)',
    'to_string(`NaN`)', 'to_string(`Infinity`)', 'to_string(`[-Infinity, NaN]`)', 'to_string(`{"a":{"b":[]}}`)',
    'to_string(nul)', 'to_string(t)', 'to_string(fa)', 'to_string(`0.1`)', 'to_string(`1e21`)', 'to_string(`-0.0`)',
    'to_string(`1e-5`)', 'to_string(`123.456`)', 'to_string(`1.5e300`)', 'to_string(`5e-324`)', 'to_string(`1e16`)',
    'to_string(`1e15`)', 'to_string(`0.000123`)', 'to_string(`2.5e-5`)', 'to_string(`9007199254740993`)',
    'to_string(big)', 'to_string(floats)', 'to_string(`{"b":1,"a":[{}]}`)', 'to_string(&a)', 'to_string(@)',
    'to_string(`1.0`)', 'to_string(`100.0`)', 'to_string(`[1.0]`)', 'to_string(`"é😀"`)', 'to_string(`["é😀\u2028"]`)',
    "to_number('0x10')", "to_number('')", "to_number(' 42 ')", "to_number('1_000')", "to_number('inf')",
    "to_number('-inf')", "to_number('nan')", "to_number('NaN')", "to_number('Infinity')", "to_number('iNfInItY')",
    "to_number('+5')", "to_number('-5')", "to_number('1e3')", "to_number('1.5')", "to_number('.5')", "to_number('5.')",
    "to_number('1__0')", "to_number('_1')", "to_number('1_')", "to_number('1e')", "to_number('abc')",
    "to_number('\u0663')", "to_number('\u00a012\u00a0')", "to_number('1_0.5')", "to_number('1.5_0')", "to_number('1e1_0')",
    "to_number('0b1')", "to_number('0o7')", "to_number('007')", "to_number('1 2')", 'to_number(`[1]`)', 'to_number(t)',
    'to_number(nul)', 'to_number(`1.5`)', 'to_number(`{}`)', "to_number('1e400')", "to_number('-0')",
    "to_number('\u0661\u0662\u0663')", "to_number('12345678901234567890')", "to_number('\t7\n')", "to_number('- 1')",
    "to_number('+inf')", "to_number('infinityx')", "to_number('1.')", "to_number('.')", "to_number('e5')",
    "to_number('\U0001D7D8')", "to_number('0_0')", "to_number('00_1')", "to_number('1E+2')", "to_number('\u20071')",
    "to_number('\u200b1')", "to_number('+nan')", "to_number('-.5e-3')", 'to_number(&a)', 'map(&to_number(@), numstrs)',
    'abs(`-3`)', 'abs(neg)', 'ceil(neg)', 'floor(neg)', 'ceil(`1.5`)', 'floor(`1`)', "floor('a')", 'abs(t)',
    'ceil(`Infinity`)', 'floor(`NaN`)', 'abs(`-0`)', 'abs(nul)', 'ceil(`-0.5`)', 'floor(`-Infinity`)',
    'not_null()', 'not_null(nul, e, a)', 'not_null(nul, missing)', 'not_null(a)', 'not_null(nul)', 'not_null(&a)',
    'merge(`{"a":1}`, `{"b":2}`, `{"a":3}`)', 'merge()', 'merge(`{}`)', 'merge(a)', 'merge(obj, `[]`)',
    'map(&name, people)', 'map(&[], nested)', 'map(name, people)', 'map(&a, `{}`)', 'map(&a)', 'map(&@, `[]`)',
    "join(', ', strs)", "join(', ', nums)", 'join(`1`, strs)', "join('', `[]`)", "join(', ', a)", "join(', ', mixed)",
    'keys(obj)', 'keys(people[0])', 'values(people[0])', 'keys(a)', 'values(`[1]`)', 'keys(objnums)', 'values(objnums)',
    'objnums.*', 'keys(`{"b":1,"1":2}`)', 'type(a)', 'type(b)', 'type(f)', 'type(t)', 'type(nul)', 'type(arr)',
    'type(obj)', 'type(&a)', 'type(`NaN`)', 'sum(nums)', 'sum(`[]`)', 'sum(strs)', 'sum(`[1.5, 2]`)', 'sum(a)',
    'sum(`[0.1, 0.2, 0.3]`)', 'length(a)', 'length(`1`)', 'length(obj)', 'length(emoji)', 'length()', 'length(a, b)',
    'length(&a)', 'length(nul)', 'length(people)', 'reverse(emoji)', 'reverse(nums)', 'reverse(`1`)', 'reverse(`""`)',
    'sort(strs)', 'sort(nums)', 'sort(mixed)', 'sort(`[]`)', 'sort(`[true]`)', 'sort(`[1, 1.5, -2, 0]`)',
    'sort(`["b", "B", "a", "ä", "😀", "\uffff"]`)', 'max(strs)', 'min(strs)', 'max(mixed)', 'max(`[]`)',
    'max(`[true, 1]`)', 'max(`[1, true]`)', 'min(`[1.5, 1, 2]`)', 'max(`[1, 1.0]`)', 'min(`[NaN, 1]`)', 'max(`[1, NaN]`)',
    'max(`[[1]]`)', 'min(`[{}]`)', 'max(a)', "starts_with(emoji, '😀')", "ends_with(a, 'x')", 'starts_with(a, `1`)',
    "ends_with('😀', 'X')", "ends_with(emoji, 'ab')", "starts_with('', '')", "ends_with(nul, 'a')",
    "contains(strs, 'a')", "contains(a, 'x')", "contains(`{}`, 'a')", 'contains(`1`, `1`)', 'contains(`[1]`, `true`)',
    'contains(`[true]`, `1`)', "contains('abc', `1`)", "contains('abc', nul)", "contains('abc', 'b')",
    'contains(`[[1]]`, `[true]`)', 'contains(`[1.0]`, `1`)', 'contains(`[{"a":[0]}]`, `{"a":[false]}`)',
    "contains('abc', '')", "contains('😀', '\ud83d')", 'contains(nums, `[3]`)', "contains(mixed, 'a')",
    'foo()', 'foo(bar)', 'unknown_fn(a)', 'length(foo())', 'foo(length())', 'abs()', 'abs(`1`, `2`)', 'to_string()',
    'join(`","`)', 'to_array(a)', 'to_array(arr)', 'to_array(nul)', 'to_array(&a)', 'length(to_array(people))',
]

SEMANTICS = [
    ("'b' <= 'a'", MISC), ("`1` > 'a'", MISC), ("`1` <= 'a'", MISC), ("'a' >= `1.5`", MISC), ("a > `1`", MISC),
    ("streams[?n > 'a']", CATALOG), ('streams[?n > `0`].name', CATALOG), ('streams[?n >= `0`].name', CATALOG),
    ('streams[?n < `0`].name', CATALOG), ('streams[?n <= `1.5`].name', CATALOG), ("streams[?name < 'b'].name", CATALOG),
    ('`1` < `2`', MISC), ('`true` < `false`', MISC), ('`[1]` < `[2]`', MISC), ('`null` < `1`', MISC), ('a < b', MISC),
    ('f < b', MISC), ('f >= b', MISC), ("'\uffff' < '😀'", MISC), ("'😀' < '\uffff'", MISC), ("'a' < 'ab'", MISC),
    ("'B' < 'a'", MISC), ('`1` == `1.0`', MISC), ('`true` == `1`', MISC), ('`false` == `0`', MISC),
    ('`[true]` == `[1]`', MISC), ('`{"a": false}` == `{"a": 0}`', MISC), ('`[1,2]` == `[1,2]`', MISC),
    ('`[1,2]` == `[2,1]`', MISC), ('`{"a":1,"b":2}` == `{"b":2,"a":1}`', MISC), ('`2` == `true`', MISC),
    ('`1` != `true`', MISC), ('`"1"` == `1`', MISC), ('nul == missing', MISC), ('`NaN` == `NaN`', MISC),
    ('`NaN` != `NaN`', MISC), ('`0` == `-0`', MISC), ('`0.0` == `false`', MISC), ('`[0.0]` == `[false]`', MISC),
    ('`{"a":1}` == `{"a":1,"b":null}`', MISC), ('`[]` == `{}`', MISC), ("e == ''", MISC), ('`NaN` < `1`', MISC),
    ('zero || \'x\'', MISC), ('!zero', MISC), ("e || 'x'", MISC), ("arr && 'y'", MISC), ('!obj', MISC), ('!nul', MISC),
    ('!`0.0`', MISC), ('tricky[?@]', MISC), ('tricky[?!@]', MISC), ('t && b', MISC), ("`NaN` || 'x'", MISC),
    ('!`NaN`', MISC), ('fa || nul', MISC), ('nul && a', MISC), ('!&a', MISC), ('&a || b', MISC),
    ('[::-1]', LIST10), ('[::-2]', LIST10), ('[5:2:-1]', LIST10), ('[-3:]', LIST10), ('[:-3]', LIST10),
    ('[10:]', LIST10), ('[-20:2]', LIST10), ('[::3]', LIST10), ('[8:1:-3]', LIST10), ('[1:1]', LIST10),
    ('[::0]', LIST10), ('[-1:-20:-1]', LIST10), ('[99999999999999999999:]', LIST10),
    ('[-99999999999999999999:]', LIST10), ('[::-99999999999999999999]', LIST10), ('[:99999999999999999999:2]', LIST10),
    ('[99999999999999999999]', LIST10), ('[-99999999999999999999]', LIST10), ('[-1]', LIST10), ('[-10]', LIST10),
    ('[-11]', LIST10), ('[10]', LIST10), ('[::0]', MISC), ('a[::0]', MISC), ('[0:5][::-1][1]', LIST10),
    ('[2:8:2][*]', LIST10), ('[:3].foo', LIST10), ('[1:3] | [0]', LIST10),
    ('nested[]', MISC), ('nested[][]', MISC), ('people[*].age', MISC), ('people[?age].name', MISC), ('obj.*', MISC),
    ('arr[*]', MISC), ('*', MISC), ('a[*]', MISC), ('@.*.x', MISC), ('[*]', MISC), ('people[].[name, age]', MISC),
    ('people[*].{n: name}', MISC), ('nul.[a]', MISC), ('nul.{a: a}', MISC), ('`[1,null,2]`[*]', MISC),
    ('tricky[?`true`]', MISC), ('people[*].age[]', MISC), ('nested[*][0]', MISC), ('people[?age > `20`].name', MISC),
    ('people[?age == `30`] | [0].name', MISC), ('people[*].name | [1]', MISC), ('people[*] | length(@)', MISC),
    ('*.name', MISC), ('k.*', MISC), ('people[0].*', MISC), ('nested[0][]', MISC), ('`[[1,2],[3]]`[][]', MISC),
    ('a || b | length(@)', MISC), ('{a: a, b: b}', MISC), ('{"q": a}', MISC), ('[a, b]', MISC), ('a.[b]', MISC),
    ('people[*].[name]', MISC), ('{a: a, a: b}', MISC), ('[a, [b, [f]]]', MISC), ('{x: {y: a}}', MISC),
    ('`{"b":1,"1":2}`', MISC), ('&a', MISC), ('[&a]', MISC), ('{x: &a}', MISC), ('people[0].name | length(@)', MISC),
    ('big', MISC), ('floats', MISC), ('floats[?@ == `1`]', MISC), ('floats[?@ > `0`]', MISC), ('emoji', MISC),
    ('"😀"', {'😀': 'smile'}), ("'😀'", MISC), ('"a\\u00e9"', {'aé': 1}), ('"\\ud83d\\ude00"', {'😀': 2}),
    ('merge(`{}`, `[["a",1]]`)', MISC), ("merge(`{}`, 'ab')", MISC), ('merge(`{}`, `1`)', MISC), ('merge(`{}`, `[]`)', MISC),
    ('merge(`{}`, `["ab"]`)', MISC), ('merge(`{}`, `[{"x":1,"y":2}]`)', MISC), ('merge(`{}`, `[[[1],2]]`)', MISC),
    ('merge(`{}`, `[1]`)', MISC), ('merge(`{}`, nul)', MISC), ("merge(`{}`, '')", MISC), ('merge(`{"a":1}`, &a)', MISC),
    ('merge(`{"b":1}`, `{"a":2}`, `{"b":3}`)', MISC), ('constructor', MISC), ('toString', MISC), ('hasOwnProperty', MISC),
    ('"__proto__"', {'__proto__': {'a': 1}}), ('"__proto__".a', {'__proto__': {'a': 1}}), ('{"__proto__": a}', MISC),
    ('merge(`{"__proto__": 1}`, `{"b": 2}`)', MISC), ('keys(`{"__proto__": 1}`)', MISC), ('length(`{"__proto__": 1}`)', MISC),
    ('`\u001cfoo`', MISC), ("to_number('\u001c1')", MISC), ('sort(`[3, NaN, 1, 2]`)', MISC), ('max(`[NaN, 1, 3]`)', MISC),
    ('sort_by(`[{"a":2},{"a":1},{"a":2},{"a":0}]`, &a)', MISC), ('`[NaN]` == `[NaN]`', MISC), ('contains(`[NaN]`, `NaN`)', MISC),
    ('to_string({b: b, "1": a})', MISC), ('keys({b: b, "1": a})', MISC),
    ('"a b"', {'a b': 1}), ('foo."bar baz"[0]', {'foo': {'bar baz': [7]}}), ('"1"', {'1': 'one'}),
]


def extra_cases():
    cases = [('dialect-table', e, g) for e, g in DIALECT_TABLE]
    cases += [('extra:syntax', e, MISC) for e in SYNTAX]
    cases += [('extra:functions', e, MISC) for e in FUNCTIONS]
    cases += [('extra:semantics', e, g) for e, g in SEMANTICS]
    return cases


def suite_cases(suite_dir):
    files = sorted(f for f in glob.glob(os.path.join(suite_dir, '*.json')) if os.path.basename(f) != 'benchmarks.json')
    if not files:
        raise SystemExit('no suite files in %s' % suite_dir)
    out = []
    for path in files:
        with open(path, encoding='utf-8') as fh:
            groups = json.load(fh)
        name = os.path.basename(path)
        for gi, group in enumerate(groups):
            for ci, case in enumerate(group['cases']):
                out.append(('%s#%d.%d' % (name, gi, ci), case['expression'], group['given']))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--suite', default=os.path.join(ROOT, '..', 'shared', 'peer-suites', 'jmespath'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'test', 'fixtures', 'jmespath-python.json'))
    args = ap.parse_args()
    if jmespath.__version__ != '1.1.0':
        raise SystemExit('Python jmespath 1.1.0 is required, found %s' % jmespath.__version__)

    documents, index, cases = [], {}, []
    for source, expression, given in suite_cases(args.suite) + extra_cases():
        key = json.dumps(given, ensure_ascii=True)
        if key not in index:
            index[key] = len(documents)
            documents.append(given)
        case = {'source': source, 'expression': expression, 'given': index[key]}
        case.update(evaluate(expression, given))
        cases.append(case)

    def dump(value):
        return json.dumps(value, ensure_ascii=True, allow_nan=False)

    lines = ['{', '"generator": "scripts/record-jmespath-fixture.py",', '"jmespath": "%s",' % jmespath.__version__,
             '"documents": [']
    lines.append(',\n'.join(dump(d) for d in documents))
    lines.append('],')
    lines.append('"cases": [')
    lines.append(',\n'.join(dump(c) for c in cases))
    lines.append(']}')
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w', encoding='ascii', newline='\n') as fh:
        fh.write('\n'.join(lines) + '\n')
    print('wrote %d cases, %d documents to %s' % (len(cases), len(documents), args.out), file=sys.stderr)


if __name__ == '__main__':
    main()
