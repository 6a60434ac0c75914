/**
 * The naming convention of contract §12, `<prospect>-<region>-demo`: a region token between
 * separators. A name with both tokens, or none, suggests nothing. Shared by main (the "Suggest
 * regions" review) and the renderer (the New workspace dialog's pre-selection), so both read a
 * name the same way.
 */
export function regionFromName(name: string): 'US' | 'EU' | null {
  const tokens = new Set(name.toLowerCase().split(/[-_.\s]+/));
  const us = tokens.has('us');
  const eu = tokens.has('eu');
  return us === eu ? null : us ? 'US' : 'EU';
}
