import { describe, expect, it } from 'vitest';
import { heldSecretPointers, sourceTemplateView } from '../../../main/services/templates/template-views';
import { sourceTemplateSchema } from '../../../main/services/airbyte/schemas';
import { withKeptSecrets } from '../../../lib/templates/secret-values';

// Secret values of a source template stay in main: views leave them out and list where the server
// holds one; an update that leaves a secret out gets the server's value copied in.

const spec = {
  type: 'object',
  properties: {
    host: { type: 'string' },
    password: { type: 'string', airbyte_secret: true },
    tunnel: { type: 'object', properties: { key: { type: 'string', airbyte_secret: true }, user: { type: 'string' } } },
  },
};

describe('heldSecretPointers and the view', () => {
  it('lists secret fields with a value, not null, missing or $secret references', () => {
    expect(heldSecretPointers({ password: 'p', tunnel: { key: null } }, [spec])).toEqual(['/password']);
    expect(heldSecretPointers({ password: { $secret: 'x' }, tunnel: { key: 'k' } }, [spec])).toEqual(['/tunnel/key']);
    expect(heldSecretPointers({ password: 'p' }, [null])).toEqual([]);
  });

  it('hides held values using the cached spec when the answer has none', () => {
    const answer = sourceTemplateSchema.parse({ id: 't', name: 'n', actor_definition_id: 'd', partial_default_config: { host: 'h', password: 'p', tunnel: { key: 'k', user: 'u' } } });
    expect(sourceTemplateView(answer).partialDefaultConfig).toMatchObject({ password: 'p' });
    const view = sourceTemplateView(answer, spec);
    expect(view.partialDefaultConfig).toEqual({ host: 'h', tunnel: { user: 'u' } });
    expect(view.keptSecrets).toEqual(['/password', '/tunnel/key']);
    expect(view.spec).toBeNull();
  });
});

describe('withKeptSecrets', () => {
  const server = { host: 'h', password: 'p', tunnel: { key: 'k', user: 'u' } };
  const held = ['/password', '/tunnel/key'];

  it('copies left-out secrets back, keeps explicit values and null, and does not rebuild a removed block', () => {
    expect(withKeptSecrets({ host: 'h2', tunnel: { user: 'v' } }, server, held).config).toEqual({ host: 'h2', password: 'p', tunnel: { key: 'k', user: 'v' } });
    expect(withKeptSecrets({ password: 'new', tunnel: { key: null } }, server, held).config).toEqual({ password: 'new', tunnel: { key: null } });
    expect(withKeptSecrets({ host: 'h2' }, server, held).config).toEqual({ host: 'h2', password: 'p' });
  });

  it('reports masked server values instead of copying the mask', () => {
    const kept = withKeptSecrets({ host: 'h' }, { password: '**********' }, ['/password']);
    expect(kept.masked).toEqual(['/password']);
    expect(kept.config).toEqual({ host: 'h' });
  });

  it('never changes its input', () => {
    const config = { host: 'h2' };
    withKeptSecrets(config, server, held);
    expect(config).toEqual({ host: 'h2' });
  });
});
