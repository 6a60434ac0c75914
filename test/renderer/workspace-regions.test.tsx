// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegionSuggestion, Result, WorkspaceItem } from '../../preload/contract';

vi.mock('../../renderer/ipc/client', () => import('./mock-ipc-client'));
const { ipc: h } = await import('./mock-ipc-client');

const { BulkRegionDialog, ImportRegionsDialog, SuggestRegionsDialog } = await import('../../renderer/features/workspaces/RegionDialogs');
const { WorkspaceList } = await import('../../renderer/features/workspaces/WorkspaceList');

beforeAll(() => {
  // jsdom has no <dialog> modal support and no layout.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
  globalThis.ResizeObserver = class {
    constructor(private readonly cb: () => void) {}
    observe() {
      this.cb();
    }
    disconnect() {}
    unobserve() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 360 });
});
beforeEach(() => {
  h.handlers = {};
  h.calls = [];
});
afterEach(cleanup);

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const suggestions: RegionSuggestion[] = [
  { id: 'w1', name: 'acme-eu-demo', recorded: 'unknown', suggested: 'EU' },
  { id: 'w2', name: 'globex-us-demo', recorded: 'EU', suggested: 'US' },
  { id: 'w3', name: 'initech-eu-demo', recorded: 'unknown', suggested: 'EU' },
];

describe('Suggest regions', () => {
  it('lists every suggestion ticked, and records only the ones left ticked', async () => {
    h.handlers['workspaces:suggestRegions'] = () => ok(suggestions);
    h.handlers['workspaces:setRegions'] = (input) => ok({ recorded: (input as { items: unknown[] }).items.length });
    h.handlers['requests:cancel'] = () => ok({ cancelled: false });
    const onDone = vi.fn();
    render(<SuggestRegionsDialog onClose={() => {}} onDone={onDone} />);
    const table = await screen.findByRole('table', { name: 'Region suggestions' });
    expect(table.textContent).toContain('globex-us-demo');
    expect(table.textContent).toMatch(/globex-us-demoEUUS/);
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes.every((b) => (b as HTMLInputElement).checked)).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Record globex-us-demo as US' }));
    expect(screen.getByLabelText('Suggestions ticked').textContent).toBe('2 of 3 ticked');
    fireEvent.click(screen.getByRole('button', { name: 'Record 2 regions' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const expected = [
      { id: 'w1', region: 'EU' },
      { id: 'w3', region: 'EU' },
    ];
    expect(h.calls.find((c) => c.channel === 'workspaces:setRegions')?.input).toEqual({ items: expected });
    expect(onDone).toHaveBeenCalledWith(expected);
  });

  it('says when there is nothing to suggest, and cannot record nothing', async () => {
    h.handlers['workspaces:suggestRegions'] = () => ok([]);
    h.handlers['requests:cancel'] = () => ok({ cancelled: false });
    render(<SuggestRegionsDialog onClose={() => {}} onDone={() => {}} />);
    expect(await screen.findByText(/Nothing to suggest/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Record 0 regions' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a refused write in words and keeps the review', async () => {
    h.handlers['workspaces:suggestRegions'] = () => ok(suggestions);
    h.handlers['workspaces:setRegions'] = () => ({ ok: false, error: { code: 'storage', message: 'The region records could not be saved: the disk is full.', retryable: true } });
    h.handlers['requests:cancel'] = () => ok({ cancelled: false });
    const onDone = vi.fn();
    render(<SuggestRegionsDialog onClose={() => {}} onDone={onDone} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Record 3 regions' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the disk is full');
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
  });
});

describe('Set region in bulk', () => {
  it('records the chosen region for every ticked workspace', async () => {
    h.handlers['workspaces:setRegions'] = () => ok({ recorded: 2 });
    const onDone = vi.fn();
    render(<BulkRegionDialog ids={['a', 'b']} onClose={() => {}} onDone={onDone} />);
    // Nothing is chosen for the user: one Enter must not move EU workspaces to the US.
    expect(screen.getAllByRole('radio').every((r) => !(r as HTMLInputElement).checked)).toBe(true);
    const submit = screen.getByRole('button', { name: 'Set region of 2 workspaces' });
    expect(submit).toHaveProperty('disabled', true);
    expect(submit.getAttribute('aria-describedby') && document.getElementById(submit.getAttribute('aria-describedby') as string)?.textContent).toBe('Choose a region first.');
    fireEvent.submit(submit.closest('form') as HTMLFormElement);
    expect(h.calls).toHaveLength(0);
    fireEvent.click(screen.getByRole('radio', { name: 'EU' }));
    expect(submit).toHaveProperty('disabled', false);
    fireEvent.click(screen.getByRole('button', { name: 'Set region of 2 workspaces' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(h.calls[0]?.input).toEqual({
      items: [
        { id: 'a', region: 'EU' },
        { id: 'b', region: 'EU' },
      ],
    });
  });
});

describe('Import regions', () => {
  it('reads the chosen file, sends the overwrite choice and shows the counts', async () => {
    h.handlers['workspaces:importRegions'] = () => ok({ added: 3, replaced: 1, kept: 0, same: 2 });
    const onImported = vi.fn();
    render(<ImportRegionsDialog onClose={() => {}} onImported={onImported} />);
    const text = '{"format":"embedded-console/workspace-regions","version":1,"baseUrl":"x","records":[]}';
    fireEvent.change(screen.getByLabelText(/Region file/), { target: { files: [new File([text], 'regions.json', { type: 'application/json' })] } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Overwrite differing records' }));
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByLabelText('Import result')).textContent).toBe('3 added · 1 replaced · 0 kept (differ, not overwritten) · 2 already the same');
    expect(h.calls[0]).toEqual({ channel: 'workspaces:importRegions', input: { text, overwrite: true } });
    expect(onImported).toHaveBeenCalledWith({ added: 3, replaced: 1, kept: 0, same: 2 });
  });

  it('cannot import before a file is chosen, and shows a refused file in words', async () => {
    h.handlers['workspaces:importRegions'] = () => ({ ok: false, error: { code: 'validation', message: 'This file is not a region export of this app.', retryable: false } });
    render(<ImportRegionsDialog onClose={() => {}} onImported={() => {}} />);
    const importButton = screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Region file/), { target: { files: [new File(['nonsense'], 'x.json')] } });
    fireEvent.click(importButton);
    expect((await screen.findByRole('alert')).textContent).toContain('not a region export');
    expect(h.calls[0]?.input).toEqual({ text: 'nonsense', overwrite: false });
  });
});

describe('ticking rows in the list', () => {
  const items: WorkspaceItem[] = Array.from({ length: 30 }, (_, i) => ({ id: `id-${i}`, name: `prospect-${i}`, status: 'active', createdAt: '', updatedAt: '', region: 'unknown' }));
  it('ticks with Space and Ctrl+click, a range with Shift+click, and still opens with a plain click', () => {
    const onToggle = vi.fn();
    const onOpen = vi.fn();
    render(
      <WorkspaceList items={items} activeIndex={4} hasMore={false} loadingMore={false} onActiveChange={() => {}} onOpen={onOpen} onNeedMore={() => {}} checked={new Set(['id-1'])} onToggleChecked={onToggle} />,
    );
    const listbox = screen.getByRole('listbox', { name: 'Workspaces' });
    fireEvent.keyDown(listbox, { key: ' ' });
    fireEvent.click(screen.getByRole('option', { name: /prospect-7\b/ }), { ctrlKey: true });
    fireEvent.click(screen.getByRole('option', { name: /prospect-9\b/ }), { shiftKey: true });
    expect(onToggle.mock.calls).toEqual([
      [4, 'one'],
      [7, 'one'],
      [9, 'range'],
    ]);
    expect(onOpen).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('option', { name: /prospect-2\b/ }));
    expect(onOpen).toHaveBeenCalledWith(items[2]);
    expect(screen.getByRole('option', { name: /prospect-1\b/ }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('option', { name: /prospect-2\b/ }).getAttribute('aria-checked')).toBe('false');
  });
});
