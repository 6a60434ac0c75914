/** Keys whose values never appear in logs, curl commands or error texts. */
const SECRET_KEY = /secret|password|token|authorization|api[_-]?key|credential/i;

/** A deep copy of a JSON value with secret-looking members replaced by a `$NAME` placeholder. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) && typeof inner !== 'object' ? `$${key.toUpperCase()}` : redactJson(inner)]),
    );
  }
  return value;
}

/** Removes bearer tokens and JWT-shaped strings from free text (error messages from libraries). */
export function redactText(text: string): string {
  return text.replace(/Bearer\s+[^\s"']+/gi, 'Bearer $TOKEN').replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '$TOKEN');
}
