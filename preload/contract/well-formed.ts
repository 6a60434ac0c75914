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
  // Parent links instead of a path copy per level: the path is built only for the one bad string,
  // so a 100,000-deep value costs linear time.
  interface Frame {
    value: unknown;
    key: string | number | null;
    parent: Frame | null;
  }
  const pathOf = (frame: Frame): Array<string | number> => {
    const path: Array<string | number> = [];
    for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) path.unshift(f.key);
    return path;
  };
  const stack: Frame[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      if (!wellFormed(current)) return pathOf(frame);
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, key: index, parent: frame }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        if (!wellFormed(key)) return pathOf(frame);
        stack.push({ value: item, key, parent: frame });
      }
    }
  }
  return null;
}
