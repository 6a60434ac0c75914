import { useEffect, useRef, useState } from 'react';
import { SchemaJsonEditor } from '../../../editors/monaco/SchemaJsonEditor';
import { sameJson } from './draft-shape';

export interface JsonObjectFieldProps {
  label: string;
  path: string;
  value: Record<string, unknown>;
  onChange(next: Record<string, unknown>): void;
  schema: unknown;
  readOnly?: boolean;
  idPrefix: string;
  height?: number;
}

const show = (value: unknown) => JSON.stringify(value, null, 2);

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };
export function parseJsonObject(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `Not valid JSON yet (${error instanceof Error ? error.message : 'parse error'}): the last valid object is kept.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'This must be a JSON object ({ … }): the last valid object is kept.' };
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * A JSON object edited as text: every text that parses to an object goes to `onChange`; a text that
 * does not is kept in the editor (nothing typed is lost) with one sentence saying why it is not applied.
 */
export function JsonObjectField({ label, path, value, onChange, schema, readOnly, idPrefix, height }: JsonObjectFieldProps) {
  const [text, setText] = useState(() => show(value));
  const [problem, setProblem] = useState<string | null>(null);
  const lastSent = useRef<Record<string, unknown>>(value);
  useEffect(() => {
    // A value from outside (another template opened, a reset): show it, unless it is what the text says.
    if (sameJson(value, lastSent.current)) return;
    lastSent.current = value;
    setText(show(value));
    setProblem(null);
  }, [value]);
  return (
    <div className="json-object-field">
      <SchemaJsonEditor
        label={label}
        path={path}
        value={text}
        schema={schema}
        readOnly={readOnly}
        height={height}
        onChange={(next) => {
          setText(next);
          const parsed = parseJsonObject(next);
          if (!parsed.ok) return setProblem(parsed.problem);
          setProblem(null);
          lastSent.current = parsed.value;
          onChange(parsed.value);
        }}
      />
      {problem && (
        <p id={`${idPrefix}-json-problem`} className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
