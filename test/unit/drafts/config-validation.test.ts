import { describe, expect, it } from 'vitest';
import { ConfigValidator, partialSchemaOf } from '../../../main/services/drafts/config-validation';

// Plan's check of a partial config against a connector spec: nothing is required, references and
// secrets are not judged (and never quoted), unknown keywords and formats are ignored, messages are
// plain words with the field.

const spec = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['host', 'port', 'password'],
  properties: {
    host: { type: 'string', order: 0, format: 'hostname-ish' },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    password: { type: 'string', airbyte_secret: true },
    start_date: { type: 'string', format: 'date-time' },
    // A property literally named "required" is a field, not the keyword.
    properties: { type: 'object', properties: { required: { type: 'boolean' } }, required: ['required'] },
    tunnel_method: {
      type: 'object',
      oneOf: [
        { title: 'No tunnel', required: ['tunnel_method'], properties: { tunnel_method: { const: 'NO_TUNNEL' } } },
        {
          title: 'Password',
          required: ['tunnel_method', 'tunnel_host', 'tunnel_user_password'],
          properties: { tunnel_method: { const: 'SSH_PASSWORD_AUTH' }, tunnel_host: { type: 'string' }, tunnel_user_password: { type: 'string', airbyte_secret: true } },
        },
      ],
    },
  },
};
const secrets = ['/password', '/tunnel_method/tunnel_user_password'];

describe('partialSchemaOf', () => {
  it('drops required everywhere but keeps a property named required; oneOf becomes anyOf', () => {
    const schema = partialSchemaOf(spec) as { required?: unknown; $schema?: unknown; properties: Record<string, { required?: unknown; properties?: Record<string, unknown>; anyOf?: unknown[]; oneOf?: unknown }> };
    expect(schema.required).toBeUndefined();
    expect(schema.$schema).toBeUndefined();
    expect(schema.properties.properties?.required).toBeUndefined();
    expect(schema.properties.properties?.properties).toHaveProperty('required', { type: 'boolean' });
    expect(schema.properties.tunnel_method?.oneOf).toBeUndefined();
    expect(schema.properties.tunnel_method?.anyOf).toHaveLength(2);
    expect(JSON.stringify(schema)).not.toContain('"required":[');
  });
});

describe('ConfigValidator', () => {
  const validator = new ConfigValidator();

  it('accepts a partial config, references at secret paths and unknown formats', () => {
    expect(validator.problems({}, spec, secrets)).toEqual([]);
    expect(validator.problems({ port: 5432, password: { $secret: 'pg' }, start_date: 'not a date', host: 'x' }, spec, secrets)).toEqual([]);
    expect(validator.problems({ tunnel_method: { tunnel_host: 'bastion' } }, spec, secrets)).toEqual([]);
    expect(validator.problems({ tunnel_method: { tunnel_method: 'SSH_PASSWORD_AUTH', tunnel_user_password: { $secret: 't' } } }, spec, secrets)).toEqual([]);
  });

  it('reports each problem with its field, in plain words', () => {
    expect(validator.problems({ port: '5432' }, spec, secrets)).toEqual(['partial_default_config.port: must be an integer (it is the string "5432")']);
    expect(validator.problems({ port: 70000, host: 5 }, spec, secrets)).toEqual([
      'partial_default_config.host: must be a string (it is 5)',
      'partial_default_config.port: must be at most 65535 (it is 70000)',
    ]);
    expect(validator.problems({ tunnel_method: { tunnel_method: 'CARRIER_PIGEON' } }, spec, secrets)).toEqual(['partial_default_config.tunnel_method: matches none of the shapes the connector allows here']);
    expect(validator.problems({ properties: { required: 'yes' } }, spec, secrets)).toEqual(['partial_default_config.properties.required: must be true or false (it is the string "yes")']);
  });

  it('never quotes a secret field’s value (it is left out before checking)', () => {
    expect(validator.problems({ password: 12345678 }, spec, secrets)).toEqual([]);
  });

  it('says nothing about a spec it cannot compile', () => {
    const errors: string[] = [];
    const quiet = new ConfigValidator((message) => errors.push(message));
    expect(quiet.problems({ port: 'x' }, { type: 'object', properties: { port: { $ref: '#/definitions/missing' } } }, [])).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('caps a cascade of problems', () => {
    const many = { type: 'object', properties: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, { type: 'integer' }])) };
    const problems = validator.problems(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x'])), many, []);
    expect(problems).toHaveLength(11);
    expect(problems[10]).toBe('…and 10 more problems in partial_default_config.');
  });
});
