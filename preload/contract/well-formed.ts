/**
 * Where the first ill-formed string (a lone UTF-16 surrogate) is in a value, as a path, or null.
 * Such a string cannot be encoded as UTF-8: it breaks URL encoding, JSON sent to the API and the
 * keychain, deep inside a service. Rejecting it once at the contract turns that into `invalid_input`.
 * Object keys are checked too. Iterative, so a deeply nested value cannot overflow the stack.
 */
// In Unicode mode a surrogate pair is one code point; only a lone surrogate matches Cs.
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

export function findIllFormedString(value: unknown): Array<string | number> | null {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (!wellFormed(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (!wellFormed(key)) return path;
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}
