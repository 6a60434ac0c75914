import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/ipc/app-error';
import { reachable } from '../../../main/services/templates/template-errors';

describe('reachable: an unreachable API says so first', () => {
  it('rewrites the client’s network and timeout messages', () => {
    const network = reachable(new AppError('network', 'Network error while listing connectors: nothing is listening at 127.0.0.1:9.')) as AppError;
    expect(network.message).toBe('The API could not be reached: nothing is listening at 127.0.0.1:9 (listing connectors).');
    const timeout = reachable(new AppError('timeout', 'The API did not answer listing connectors in time.')) as AppError;
    expect(timeout.message).toBe('The API could not be reached: it did not answer listing connectors in time.');
  });

  it('keeps a message that already is its own sentence (a TLS failure naming the fix) and anything not a network failure', () => {
    const tls = new AppError('network', 'The server at 127.0.0.1:8123 does not speak HTTPS; try http://127.0.0.1:8123 in Edit profile.');
    expect(reachable(tls)).toBe(tls);
    const refused = new AppError('not_found', 'Not found (renaming a tag, HTTP 404).');
    expect(reachable(refused)).toBe(refused);
  });
});
