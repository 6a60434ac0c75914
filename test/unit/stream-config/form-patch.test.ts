import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPatch, configFromForm, defaultsFor, formFromConfig, mergeForm, patchFromForm, type StreamConfig, type StreamForm } from '../../../lib/stream-config';
import { ALL, tenants, users } from './fixtures';

describe('form ⇄ config', () => {
  it('round-trips and copies', () => {
    const config = defaultsFor(tenants);
    const form = formFromConfig(config);
    expect(form).toEqual({ syncMode: 'incremental', destinationSyncMode: 'append_dedup', cursorField: ['meta', 'updated_at'], primaryKey: [['id'], ['tenant_id']] });
    form.primaryKey[0]!.push('x');
    expect(config.primary_key[0]).toEqual(['id']);
    expect(configFromForm('tenant_users', formFromConfig(config))).toEqual(config);
  });

  it('yields one replace per changed member, none when nothing changed', () => {
    const current = defaultsFor(users);
    expect(patchFromForm(current, formFromConfig(current))).toEqual([]);
    expect(patchFromForm(current, { ...formFromConfig(current), syncMode: 'full_refresh', destinationSyncMode: 'overwrite' })).toEqual([
      { op: 'replace', path: '/sync_mode', value: 'full_refresh' },
      { op: 'replace', path: '/destination_sync_mode', value: 'overwrite' },
    ]);
    expect(patchFromForm(current, { ...formFromConfig(current), primaryKey: [['id'], ['email']], cursorField: ['created_at'] })).toEqual([
      { op: 'replace', path: '/cursor_field', value: ['created_at'] },
      { op: 'replace', path: '/primary_key', value: [['id'], ['email']] },
    ]);
  });

  it('merges partial settings (the plan\'s "set")', () => {
    expect(mergeForm(defaultsFor(users), { syncMode: 'full_refresh', cursorField: undefined })).toEqual({ ...defaultsFor(users), sync_mode: 'full_refresh' });
  });

  it('property: checking the form\'s patch gives exactly the form\'s configuration', () => {
    const field = fc.constantFrom('id', 'updated_at', 'tenant_id', 'a/b', '~0', '', 'address');
    const form: fc.Arbitrary<StreamForm> = fc.record({
      syncMode: fc.constantFrom('full_refresh' as const, 'incremental' as const),
      destinationSyncMode: fc.constantFrom('append' as const, 'overwrite' as const, 'append_dedup' as const),
      cursorField: fc.array(field, { maxLength: 3 }),
      primaryKey: fc.array(fc.array(field, { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...ALL), form, form, (stream, from, to) => {
        const current: StreamConfig = configFromForm(stream.name, from);
        const result = checkPatch(patchFromForm(current, to), stream, current);
        expect(result.after).toEqual(configFromForm(stream.name, to));
        // every op the form yields is well formed: only §5.3 rules (422) or nothing can refuse it
        expect([200, 422]).toContain(result.status);
      }),
      { numRuns: 1000 },
    );
  });
});
