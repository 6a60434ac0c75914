// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionTemplate, SourceTemplate, SourceTemplateItem } from '../../preload/contract';
import { createTemplatesStore } from '../../renderer/features/templates/templates-store';
import { fakeApi, ok } from './fake-api';

/**
 * Monaco does not run in jsdom: the editor is a textarea with the same contract, and it reports as a
 * "marker" the one schema problem these tests need (a port that is not an integer), the way the real
 * editor reports Monaco's markers.
 */
vi.mock('../../renderer/editors/monaco/SchemaJsonEditor', () => ({
  SchemaJsonEditor: (props: { label: string; value: string; onChange: (t: string) => void; onProblems?: (p: string[]) => void }) => {
    const { value, onProblems } = props;
    useEffect(() => {
      let port: unknown;
      try {
        port = (JSON.parse(value) as { port?: unknown }).port;
      } catch {
        port = undefined;
      }
      onProblems?.(port !== undefined && !Number.isInteger(port) ? ['port: Incorrect type. Expected "integer".'] : []);
    }, [value, onProblems]);
    return <textarea aria-label={props.label} value={value} onChange={(e) => props.onChange(e.target.value)} />;
  },
}));
vi.mock('../../renderer/ipc/client', () => ({ api: { templates: { cronDescribe: async () => ({ ok: true, value: { isValid: true, description: 'ok' } }) } } }));
const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../renderer/features/templates/use-templates-store', () => ({
  get useTemplatesStore() {
    return holder.store;
  },
}));

const { SourceTemplatesTab } = await import('../../renderer/features/templates/SourceTemplatesTab');
const { ConnectionTemplatesTab } = await import('../../renderer/features/templates/ConnectionTemplatesTab');
const { TagFilterControl } = await import('../../renderer/features/templates/TagFilterControl');

afterEach(cleanup);
// jsdom has no modal dialogs: opening one just sets `open` (the browser's focus trap is not what is tested).
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
};

const DEF = '11111111-2222-3333-4444-555555555555';
const SPEC = { type: 'object', properties: { host: { type: 'string' }, port: { type: 'integer' }, password: { type: 'string', airbyte_secret: true } } };
const template = (overrides: Partial<SourceTemplate> = {}): SourceTemplate => ({
  id: 'st-1',
  name: 'Postgres defaults',
  connectorName: 'Postgres',
  definitionId: DEF,
  organizationId: 'org-1',
  tags: [],
  customization: { stream_selection_mode: 'suggested' },
  mode: 'REPLICATION',
  updatedAt: null,
  partialDefaultConfig: { host: 'db' },
  keptSecrets: ['/password'],
  spec: SPEC,
  createdAt: null,
  serverFields: {},
  ...overrides,
});
const item = (t: SourceTemplate): SourceTemplateItem => ({ id: t.id, name: t.name, connectorName: t.connectorName, definitionId: t.definitionId, organizationId: t.organizationId, tags: t.tags, customization: t.customization, mode: t.mode, updatedAt: t.updatedAt });

function setup(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const { api, calls } = fakeApi({
    'templates:sourceGet': () => ok(template()),
    'templates:catalogStreams': () => ok(null),
    'templates:sourceList': () => ok([item(template())]),
    'templates:connectionList': () => ok([]),
    'templates:tags': () => ok([]),
    ...handlers,
  });
  const store = createTemplatesStore(api);
  holder.store = store;
  return { store, calls };
}
const flush = () => act(async () => {
  await new Promise((r) => setTimeout(r, 0));
});
const config = () => screen.getByLabelText('Default configuration') as HTMLTextAreaElement;
const saveButton = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;

describe('online source template: secrets', () => {
  it('lists a secret the server keeps as hidden, and says how to keep or replace it', async () => {
    const { store } = setup();
    render(<SourceTemplatesTab />);
    await act(() => store.getState().openSource('st-1'));
    const note = screen.getByRole('note', { name: 'Secret fields' });
    expect(within(note).getByLabelText('Secret field password').textContent).toBe('password: a value is kept on the server — hidden; leave it out to keep it, or type a new one.');
    // The draft-file wording ($secret references) is not the online editor's.
    expect(note.textContent).not.toContain('$secret');
  });

  it('warns next to the editor when a value is typed at a secret field, and Save asks before sending it', async () => {
    const { store, calls } = setup({ 'templates:sourceUpdate': () => ok(template()) });
    render(<SourceTemplatesTab />);
    await act(() => store.getState().openSource('st-1'));
    fireEvent.change(config(), { target: { value: '{"host": "db", "password": "hunter2"}' } });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('This stores the password on the server as a default for every source built from this template.');
    fireEvent.click(saveButton());
    const dialog = screen.getByRole('dialog', { name: 'Store secret values on the server?' });
    expect(calls.some((c) => c.channel === 'templates:sourceUpdate')).toBe(false);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save with these values' }));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(calls.find((c) => c.channel === 'templates:sourceUpdate')?.input).toMatchObject({ id: 'st-1', changes: { partialDefaultConfig: { host: 'db', password: 'hunter2' } } });
  });

  it('saves without asking when no secret value is typed (the kept one is left out and stays)', async () => {
    const { store, calls } = setup({ 'templates:sourceUpdate': () => ok(template({ partialDefaultConfig: { host: 'db2' } })) });
    render(<SourceTemplatesTab />);
    await act(() => store.getState().openSource('st-1'));
    fireEvent.change(config(), { target: { value: '{"host": "db2"}' } });
    await flush();
    await act(async () => {
      fireEvent.click(saveButton());
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.find((c) => c.channel === 'templates:sourceUpdate')?.input).toMatchObject({ changes: { partialDefaultConfig: { host: 'db2' } } });
  });
});

describe('online source template: schema problems', () => {
  it('lists the problems under the editor and disables Save with the reason, until fixed', async () => {
    const { store } = setup();
    render(<SourceTemplatesTab />);
    await act(() => store.getState().openSource('st-1'));
    fireEvent.change(config(), { target: { value: '{"host": "db", "port": "x"}' } });
    await flush();
    expect(screen.getByRole('list', { name: 'Problems in Default configuration' }).textContent).toBe('port: Incorrect type. Expected "integer".');
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByLabelText('Why saving is not possible').textContent).toBe('Fix the problem in the default configuration first.');
    fireEvent.change(config(), { target: { value: '{"host": "db", "port": 5432}' } });
    await flush();
    expect(screen.queryByRole('list', { name: 'Problems in Default configuration' })).toBeNull();
    expect(saveButton().disabled).toBe(false);
  });

  it('does not claim the spec checks more than it does', async () => {
    const { store } = setup();
    render(<SourceTemplatesTab />);
    await act(() => store.getState().openSource('st-1'));
    expect(screen.queryByText(/Checked and completed/)).toBeNull();
    expect(screen.getByText(/Required fields are not asked for here/)).toBeTruthy();
  });

  it('shows a loaded configuration pretty-printed with two spaces', async () => {
    const { store } = setup({ 'templates:sourceGet': () => ok(template({ partialDefaultConfig: { host: 'db', ssl: { mode: 'require' } } })) });
    render(<SourceTemplatesTab />);
    await act(() => store.getState().openSource('st-1'));
    expect(config().value).toBe('{\n  "host": "db",\n  "ssl": {\n    "mode": "require"\n  }\n}');
  });
});

describe('source templates list', () => {
  it('hides the tag filter over global templates that carry no tags', async () => {
    const { store } = setup({ 'templates:sourceList': (input) => ok((input as { global: boolean }).global ? [item(template({ id: 'g', organizationId: null }))] : [item(template({ tags: ['eu'] }))]) });
    render(<SourceTemplatesTab />);
    await flush();
    expect(screen.getByRole('group', { name: 'Filter by tags' })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Global templates/ }));
    await flush();
    expect(screen.queryByRole('group', { name: 'Filter by tags' })).toBeNull();
    expect(screen.getByLabelText('Tag filter').textContent).toMatch(/carry no tags/);
    void store;
  });

  it('asks for the clone’s name, prefilled “<name> (copy)”, and sends what is typed', async () => {
    const global = template({ id: 'g1', name: 'Airbyte PG', organizationId: null, keptSecrets: [] });
    const { store, calls } = setup({
      'templates:sourceGet': (input) => ok((input as { id: string }).id === 'g1' ? global : template({ id: 'c1', name: 'Mine' })),
      'templates:sourceClone': () => ok(template({ id: 'c1', name: 'Mine' })),
    });
    render(<SourceTemplatesTab />);
    await act(() => store.getState().openSource('g1'));
    expect((screen.getByLabelText('Name') as HTMLInputElement).readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Clone into my organization…' }));
    const dialog = screen.getByRole('dialog', { name: 'Clone “Airbyte PG”' });
    const name = within(dialog).getByLabelText('Name of the copy') as HTMLInputElement;
    expect(name.value).toBe('Airbyte PG (copy)');
    fireEvent.change(name, { target: { value: 'Mine' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Clone' }));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(calls.find((c) => c.channel === 'templates:sourceClone')?.input).toEqual({ id: 'g1', name: 'Mine' });
    expect(screen.getByRole('status', { name: 'Last action' }).textContent).toBe('Cloned into your organization as “Mine”.');
  });
});

describe('connection template: schedule', () => {
  it('disables Create with the reason while the schedule is not valid', async () => {
    const { api } = fakeApi({ 'templates:connectionList': () => ok([] as ConnectionTemplate[]), 'templates:tags': () => ok([]) });
    const store = createTemplatesStore(api);
    holder.store = store;
    render(<ConnectionTemplatesTab />);
    act(() => store.getState().newConnection('airbyte_hosted'));
    const create = screen.getByRole('button', { name: 'Create template' }) as HTMLButtonElement;
    expect(create.disabled).toBe(false);
    fireEvent.change(screen.getByLabelText('Schedule (Quartz cron)'), { target: { value: '0 0 25 * * ?' } });
    expect(create.disabled).toBe(true);
    expect(screen.getByLabelText('Why saving is not possible').textContent).toBe('Fix the schedule first (or empty it for no schedule).');
    fireEvent.change(screen.getByLabelText('Schedule (Quartz cron)'), { target: { value: '0 0 12 * * ?' } });
    expect(create.disabled).toBe(false);
  });
});

describe('tag filter wording', () => {
  it('says plainly that no tag picked lists every template', () => {
    render(<TagFilterControl label="Filter by tags" tagNames={['eu']} filter={{ tags: [], mode: 'any' }} onChange={() => {}} />);
    expect(screen.getByText('No tags picked: every template is listed.')).toBeTruthy();
  });
});
