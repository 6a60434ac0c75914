import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { connectionTemplateDraftSchema, sourceTemplateDraftSchema, type DraftProblem, type TemplateDraft } from '../../../preload/contract';
import { lineColumnAt } from '../../../lib/templates/text-position';

/**
 * A draft file's text → its draft, or a problem a person can act on: a JSON error with its line and
 * column (computed from the parser's offset; `JSON.parse` messages differ per engine and version),
 * or the first schema problem with its field.
 */
export type ParsedDraft = { draft: TemplateDraft; problem: null } | { draft: null; problem: DraftProblem };

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon (:) was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing brace (}) was expected',
  CloseBracketExpected: 'a closing bracket (]) was expected',
  EndOfFileExpected: 'the text goes on after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

function jsonProblem(text: string): DraftProblem {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { message: 'The file is not valid JSON.', line: null, column: null, field: null };
  const { line, column } = lineColumnAt(text, first.offset);
  const what = JSON_ERRORS[printParseErrorCode(first.error)] ?? 'a syntax error';
  return { message: `The file is not valid JSON: ${what} at line ${line}, column ${column}.`, line, column, field: null };
}

function schemaProblem(error: z.ZodError): DraftProblem {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  const message = issue?.message ?? 'unexpected content';
  return { message: field ? `The field “${field}” is not right: ${message}.` : `The draft is not right: ${message}.`, line: null, column: null, field };
}

export function parseDraftValue(raw: unknown): ParsedDraft {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { draft: null, problem: { message: 'The file is JSON but not an object: a draft is one JSON object.', line: null, column: null, field: null } };
  }
  const kind = (raw as { kind?: unknown }).kind;
  // Checked first so the message names the field, not a union of two schemas.
  const schema = kind === 'source_template' ? sourceTemplateDraftSchema : kind === 'connection_template' ? connectionTemplateDraftSchema : null;
  if (!schema) {
    return { draft: null, problem: { message: 'The field “kind” must be "source_template" or "connection_template".', line: null, column: null, field: 'kind' } };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { draft: parsed.data, problem: null } : { draft: null, problem: schemaProblem(parsed.error) };
}

export function parseDraftText(text: string): ParsedDraft {
  // An editor's byte order mark is not content.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { draft: null, problem: { message: 'The file is empty.', line: 1, column: 1, field: null } };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const problem = jsonProblem(body);
    return { draft: null, problem };
  }
  return parseDraftValue(raw);
}
