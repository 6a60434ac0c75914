// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionTemplateDraft, ConnectorSpec, Result, SourceTemplateDraft } from '../../preload/contract';

// Monaco does not run in jsdom: the JSON editor is a textarea with the same label and contract here.
vi.mock('../../renderer/editors/monaco/SchemaJsonEditor', () => ({
  SchemaJsonEditor: (props: { label: string; value: string; onChange: (t: string) => void; schema: unknown }) => (
    <textarea aria-label={props.label} data-schema={JSON.stringify(props.schema)} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
  ),
}));
vi.mock('../../renderer/ipc/client', () => ({ api: {} }));

const { SourceTemplateForm } = await import('../../renderer/features/templates/forms/SourceTemplateForm');
const { ConnectionTemplateForm } = await import('../../renderer/features/templates/forms/ConnectionTemplateForm');
const { CronField } = await import('../../renderer/features/templates/forms/CronField');

afterEach(cleanup);

const DEF = '11111111-2222-3333-4444-555555555555';
const draft = (overrides: Partial<SourceTemplateDraft> = {}): SourceTemplateDraft => ({
  kind: 'source_template',
  name: 'Postgres defaults',
  actor_definition_id: DEF,
  connector_name: 'Postgres',
  mode: 'REPLICATION',
  partial_default_config: { host: 'db' },
  customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['users'], stream_customizations: [{ name: 'users' }] },
  tags: ['finance'],
  server_fields: { icon: 'x' },
  ...overrides,
});
const spec: ConnectorSpec = { definitionId: DEF, spec: { type: 'object', required: ['host'], properties: { host: { type: 'string' }, password: { type: 'string', airbyte_secret: true } } }, from: 'server', secretPaths: ['/password'] };
const catalog = { streamNames: ['users', 'orders'], sourceName: 'Prod PG', discoveredAt: '2026-11-01T10:00:00Z' };

function SourceHarness({ initial, onValue, ...rest }: { initial: SourceTemplateDraft; onValue: (d: SourceTemplateDraft) => void; spec: ConnectorSpec | null; catalog: typeof catalog | null }) {
  const [value, setValue] = useState(initial);
  return (
    <SourceTemplateForm
      value={value}
      onChange={(next) => {
        setValue(next);
        onValue(next);
      }}
      secretNames={['pg-prod']}
      idPrefix="t"
      {...rest}
    />
  );
}

describe('SourceTemplateForm', () => {
  it('flags whitelist names that are not in the catalog, and an empty whitelist', () => {
    const onValue = vi.fn();
    render(<SourceHarness initial={draft()} onValue={onValue} spec={spec} catalog={catalog} />);
    const box = screen.getByLabelText('Stream whitelist (one stream name per line)');
    fireEvent.change(box, { target: { value: 'users\nghost_stream\n' } });
    expect(screen.getByRole('list', { name: 'Streams not in the catalog' }).textContent).toMatch(/ghost_stream: not in the catalog of Prod PG discovered .*: the API accepts it and selects nothing/);
    const last = onValue.mock.calls.at(-1)![0] as SourceTemplateDraft;
    expect(last.customization).toEqual({ stream_selection_mode: 'whitelist', stream_whitelist: ['users', 'ghost_stream'], stream_customizations: [{ name: 'users' }] });
    expect(last.server_fields).toEqual({ icon: 'x' });
    fireEvent.change(box, { target: { value: '' } });
    expect(screen.getByText('The whitelist is empty: this template would select no stream.')).toBeTruthy();
  });

  it('without a catalog, says how to enable the check', () => {
    render(<SourceHarness initial={draft()} onValue={() => {}} spec={spec} catalog={null} />);
    expect(screen.getByText(/discover a source of this connector in the Catalog area/)).toBeTruthy();
  });

  it('keeps the whitelist across a switch of selection mode and other customization keys always', () => {
    const onValue = vi.fn();
    render(<SourceHarness initial={draft()} onValue={onValue} spec={spec} catalog={catalog} />);
    fireEvent.click(screen.getByLabelText('All streams'));
    expect((onValue.mock.calls.at(-1)![0] as SourceTemplateDraft).customization).toEqual({ stream_selection_mode: 'all', stream_customizations: [{ name: 'users' }] });
    fireEvent.click(screen.getByLabelText('Only these streams (whitelist)'));
    expect((onValue.mock.calls.at(-1)![0] as SourceTemplateDraft).customization.stream_whitelist).toEqual(['users']);
  });

  it('lists the secret fields, and attaches a partial schema that takes a {"$secret"} reference', () => {
    render(<SourceHarness initial={draft()} onValue={() => {}} spec={spec} catalog={catalog} />);
    expect(screen.getByRole('note', { name: 'Secret fields' }).textContent).toMatch(/^Secret fields \(password\) are never written to a draft file/);
    const schema = JSON.parse(screen.getByLabelText('Default configuration').getAttribute('data-schema')!);
    expect(schema.required).toBeUndefined();
    expect(schema.properties.password.anyOf[1].properties.$secret.enum).toEqual(['pg-prod']);
  });

  it('says when no spec is cached', () => {
    render(<SourceHarness initial={draft()} onValue={() => {}} spec={null} catalog={null} />);
    expect(screen.getByText('No spec cached for this connector yet: it is fetched the next time a template of it is opened online.')).toBeTruthy();
  });

  it('keeps invalid JSON in the editor without applying it', () => {
    const onValue = vi.fn();
    render(<SourceHarness initial={draft()} onValue={onValue} spec={spec} catalog={catalog} />);
    const editor = screen.getByLabelText('Default configuration') as HTMLTextAreaElement;
    fireEvent.change(editor, { target: { value: '{"host": "db2",' } });
    expect(onValue).not.toHaveBeenCalled();
    expect(editor.value).toBe('{"host": "db2",');
    expect(screen.getByRole('alert').textContent).toMatch(/Not valid JSON yet/);
    fireEvent.change(editor, { target: { value: '{"host": "db2"}' } });
    expect((onValue.mock.calls.at(-1)![0] as SourceTemplateDraft).partial_default_config).toEqual({ host: 'db2' });
  });

  it('adds and removes tags as chips, refusing duplicates', () => {
    const onValue = vi.fn();
    render(<SourceHarness initial={draft()} onValue={onValue} spec={spec} catalog={catalog} />);
    const input = screen.getByLabelText('Add to tags');
    fireEvent.change(input, { target: { value: 'finance' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toMatch(/already attached/);
    fireEvent.change(input, { target: { value: 'eu' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect((onValue.mock.calls.at(-1)![0] as SourceTemplateDraft).tags).toEqual(['finance', 'eu']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag finance' }));
    expect((onValue.mock.calls.at(-1)![0] as SourceTemplateDraft).tags).toEqual(['eu']);
  });
});

describe('CronField', () => {
  const now = () => new Date('2026-11-22T06:00:00Z');

  it('describes the schedule and lists its next runs locally, then shows the server’s description', async () => {
    vi.useFakeTimers();
    const describe = vi.fn(async (): Promise<Result<{ isValid: boolean; description: string }>> => ({ ok: true, value: { isValid: true, description: 'At 12:00 every day' } }));
    render(<CronField value="0 0 12 * * ?" onChange={() => {}} idPrefix="c" describe={describe} now={now} />);
    expect(screen.getByText(/At 12:00/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Next runs' }).querySelectorAll('li')).toHaveLength(5);
    expect(screen.getByRole('list', { name: 'Next runs' }).textContent).toContain('Sun, 22 Nov 2026, 12:00:00 UTC');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(450);
    });
    expect(describe).toHaveBeenCalledWith('0 0 12 * * ?');
    expect(screen.getByRole('status', { name: 'Server check' }).textContent).toBe('Server: At 12:00 every day');
    vi.useRealTimers();
  });

  it('shows when the server and the local check disagree, and an offline server', async () => {
    vi.useFakeTimers();
    const refuse = async (): Promise<Result<{ isValid: boolean; description: string }>> => ({ ok: true, value: { isValid: false, description: '' } });
    const { unmount } = render(<CronField value="0 0 12 * * ?" onChange={() => {}} idPrefix="c" describe={refuse} now={now} />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(450);
    });
    expect(screen.getByRole('status', { name: 'Server check' }).textContent).toBe('Server: not a valid schedule');
    expect(screen.getByText(/the server refuses it/)).toBeTruthy();
    unmount();

    const offline = async (): Promise<Result<{ isValid: boolean; description: string }>> => ({ ok: false, error: { code: 'network', message: 'offline', retryable: true } });
    render(<CronField value="0 0 12 * * 1" onChange={() => {}} idPrefix="d" describe={offline} now={now} />);
    expect(screen.getByText(/Not a valid schedule: Quartz needs \? in exactly one/)).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(450);
    });
    expect(screen.getByRole('status', { name: 'Server check' }).textContent).toBe('Server check unavailable offline');
    vi.useRealTimers();
  });
  it('never shows the server’s answer about an older text as the current one', async () => {
    vi.useFakeTimers();
    const answers: Array<(r: Result<{ isValid: boolean; description: string }>) => void> = [];
    const describe = (_expression: string) => new Promise<Result<{ isValid: boolean; description: string }>>((resolve) => answers.push(resolve));
    const { rerender } = render(<CronField value="0 0 12 * * ?" onChange={() => {}} idPrefix="s" describe={describe} now={now} />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(450);
    });
    rerender(<CronField value="0 0 6 * * ?" onChange={() => {}} idPrefix="s" describe={describe} now={now} />);
    expect(screen.getByRole('status', { name: 'Server check' }).textContent).toBe('Server: checking…');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(450);
    });
    expect(answers).toHaveLength(2);
    // The newer answer first, the older one late: the late one is dropped.
    await act(async () => {
      answers[1]!({ ok: true, value: { isValid: true, description: 'At 06:00 every day' } });
      await vi.advanceTimersByTimeAsync(0);
      answers[0]!({ ok: true, value: { isValid: true, description: 'At 12:00 every day' } });
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByRole('status', { name: 'Server check' }).textContent).toBe('Server: At 06:00 every day');
    vi.useRealTimers();
  });
});

describe('ConnectionTemplateForm', () => {
  it('picks a destination from the definitions and edits the schedule', () => {
    const onChange = vi.fn();
    const value: ConnectionTemplateDraft = { kind: 'connection_template', data_hosting_type: 'user_hosted', destination_name: '', destination_definition_id: '', destination_config: {}, cron_expression: null, non_breaking_changes_preference: 'ignore', sync_on_create: true, tags: [], server_fields: {} };
    render(<ConnectionTemplateForm value={value} onChange={onChange} destinations={[{ id: DEF, name: 'S3' }]} idPrefix="x" cron={{ describe: async () => ({ ok: true, value: { isValid: true, description: '' } }) }} />);
    fireEvent.change(screen.getByLabelText('Destination connector'), { target: { value: DEF } });
    expect(onChange.mock.calls.at(-1)![0]).toMatchObject({ destination_definition_id: DEF, destination_name: 'S3' });
    fireEvent.change(screen.getByLabelText('Schedule (Quartz cron)'), { target: { value: '0 0 6 ? * MON' } });
    expect(onChange.mock.calls.at(-1)![0]).toMatchObject({ cron_expression: '0 0 6 ? * MON' });
    fireEvent.click(screen.getByLabelText(/Airbyte-hosted \(Airbyte/));
    expect(onChange.mock.calls.at(-1)![0]).toEqual({ kind: 'connection_template', data_hosting_type: 'airbyte_hosted', label: 'Airbyte-hosted', cron_expression: null, tags: [], server_fields: {} });
  });
});
