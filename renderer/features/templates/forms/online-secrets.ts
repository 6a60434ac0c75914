import { secretReferenceName, valueAt } from '../../../../lib/templates/secret-paths';

/**
 * Secret fields in the online editor. The server keeps their values (the app never receives them):
 * a field left out keeps the server's value; a value typed here is sent and becomes the default of
 * every source built from the template, so the form warns and Save asks first. Pure.
 */

export type OnlineSecretState = 'typed' | 'kept' | 'none';

/** What the field holds now: a value typed in this editor, a value kept (hidden) on the server, or nothing. */
export function onlineSecretState(config: Record<string, unknown>, pointer: string, keptSecrets: readonly string[]): OnlineSecretState {
  const value = valueAt(config, pointer);
  if (value !== undefined && value !== null && value !== '') return 'typed';
  return keptSecrets.includes(pointer) ? 'kept' : 'none';
}

/** The secret fields that hold a plain value typed here (a `$secret` reference is not one: it is not a value). */
export function typedSecrets(config: Record<string, unknown>, secretPaths: readonly string[]): string[] {
  return secretPaths.filter((pointer) => {
    const value = valueAt(config, pointer);
    return value !== undefined && value !== null && value !== '' && secretReferenceName(value) === null;
  });
}
