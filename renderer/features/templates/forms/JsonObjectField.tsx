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
  /** Whether the text has problems now (not JSON, or against the schema): the owner blocks saving on them. */
  onProblems?(problems: string[]): void;
  /** Changes when the value is loaded afresh (another template, saved, created): the text is shown pretty-printed again. */
  reloadKey?: string;
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
export function JsonObjectField({ label, path, value, onChange, schema, readOnly, idPrefix, height, onProblems, reloadKey }: JsonObjectFieldProps) {
  const [text, setText] = useState(() => show(value));
  const [problem, setProblem] = useState<string | null>(null);
  const [schemaProblems, setSchemaProblems] = useState<string[]>([]);
  const lastSent = useRef<Record<string, unknown>>(value);
  const lastKey = useRef(reloadKey);
  useEffect(() => {
    // A value from outside (another template opened, a reset): show it, unless it is what the text says.
    // A load (reloadKey moved) is always shown pretty-printed, even when the content is the same.
    const reloaded = reloadKey !== lastKey.current;
    lastKey.current = reloadKey;
    if (!reloaded && sameJson(value, lastSent.current)) return;
    lastSent.current = value;
    setText(show(value));
    setProblem(null);
  }, [value, reloadKey]);
  const report = useRef(onProblems);
  report.current = onProblems;
  const all = problem ? [problem, ...schemaProblems] : schemaProblems;
  const key = JSON.stringify(all);
  useEffect(() => {
    report.current?.(JSON.parse(key) as string[]);
  }, [key]);
  useEffect(() => () => report.current?.([]), []);
  // A JSON syntax problem is already said in the sentence above the list; Monaco says it again as a marker.
  const listed = problem ? schemaProblems.filter((p) => !/^Line \d+:/.test(p)) : schemaProblems;
  return (
    <div className="json-object-field">
      <SchemaJsonEditor
        label={label}
        path={path}
        value={text}
        schema={schema}
        readOnly={readOnly}
        height={height}
        onProblems={setSchemaProblems}
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
      {listed.length > 0 && (
        <ul id={`${idPrefix}-schema-problems`} className="field-problems json-problems" aria-label={`Problems in ${label}`}>
          {listed.map((p) => (
            <li key={p} className="field-problem">
              {p}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
