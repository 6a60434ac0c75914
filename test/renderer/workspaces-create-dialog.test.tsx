// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceItem } from '../../preload/contract';

vi.mock('../../renderer/ipc/client', () => import('./mock-ipc-client'));
const { ipc: h } = await import('./mock-ipc-client');

const { CreateWorkspaceDialog } = await import('../../renderer/features/workspaces/CreateWorkspaceDialog');
const { emptyListText } = await import('../../renderer/features/workspaces/hidden-by-filters');

beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
beforeEach(() => {
  h.handlers = {};
  h.calls = [];
});
afterEach(cleanup);

const item = (name: string, extra: Partial<WorkspaceItem> = {}): WorkspaceItem => ({ id: `id-${name}`, name, status: 'active', createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', region: 'US', ...extra });

function open(props: Partial<Parameters<typeof CreateWorkspaceDialog>[0]> = {}) {
  const handlers = { onClose: vi.fn(), onCreated: vi.fn(), onOpenExisting: vi.fn() };
  render(<CreateWorkspaceDialog defaultRegion="US" {...handlers} {...props} />);
  return { ...handlers, name: screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement };
}

describe('New workspace', () => {
  it('limits the name to the contract’s 255 characters', () => {
    const { name } = open();
    expect(name.maxLength).toBe(255);
  });

  it('pre-selects the region the name suggests, says so, and lets the user override it', () => {
    const { name } = open();
    const eu = screen.getByRole('radio', { name: 'EU' }) as HTMLInputElement;
    const us = screen.getByRole('radio', { name: 'US' }) as HTMLInputElement;
    expect(us.checked).toBe(true);
    fireEvent.change(name, { target: { value: 'newco-eu-demo' } });
    expect(eu.checked).toBe(true);
    expect(screen.getByText(/EU suggested by the name\./)).toBeTruthy();
    // The hint no longer claims the region can never change.
    expect(screen.queryByText(/chosen once/)).toBeNull();
    fireEvent.click(us);
    expect(us.checked).toBe(true);
    expect(screen.queryByText(/suggested by the name/)).toBeNull();
  });

  it('shows a refused name next to the field, not in a box at the bottom', async () => {
    h.handlers['workspaces:create'] = () => ({ ok: false, error: { code: 'invalid_input', message: 'Name: at most 255 characters.', retryable: false, details: { issues: [{ path: 'name', message: 'at most 255 characters' }] } } });
    const { name } = open();
    fireEvent.change(name, { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    const problem = await screen.findByRole('alert');
    expect(problem.textContent).toBe('At most 255 characters.');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBe(problem.id);
  });

  it('offers to open the workspace that already has the name', async () => {
    h.handlers['workspaces:create'] = () => ({ ok: false, error: { code: 'conflict', message: 'A workspace named “acme-eu-demo” already exists; nothing was created. Pick another name or open that workspace.', retryable: false } });
    const { name, onOpenExisting } = open();
    fireEvent.change(name, { target: { value: 'acme-eu-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('already exists'));
    fireEvent.click(screen.getByRole('button', { name: 'Open acme-eu-demo' }));
    expect(onOpenExisting).toHaveBeenCalledWith('acme-eu-demo');
  });

  it('keeps an error that is not about the name below the form', async () => {
    h.handlers['workspaces:create'] = () => ({ ok: false, error: { code: 'network', message: 'The API could not be reached.', retryable: true } });
    const { name } = open();
    fireEvent.change(name, { target: { value: 'newco-us-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(screen.getByText('The API could not be reached.')).toBeTruthy());
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('An empty list says why', () => {
  const items = [item('acme-us-demo'), item('acme-eu-demo', { region: 'EU' }), item('globex-us-demo')];
  it('names the filters that hide the matches of a search', () => {
    expect(emptyListText({ items, search: 'acme', status: 'inactive', region: 'US' })).toEqual({
      message: '2 workspaces match “acme” but are hidden by the filters Status: Inactive, Region: US.',
      filtersHide: true,
    });
    expect(emptyListText({ items, search: 'acme', status: 'all', region: 'unknown' }).message).toBe('2 workspaces match “acme” but are hidden by the filter Region: Unknown.');
  });
  it('says no name matches only when none does', () => {
    expect(emptyListText({ items, search: 'initech', status: 'inactive', region: 'US' })).toEqual({ message: 'No workspace name contains “initech”.', filtersHide: false });
    expect(emptyListText({ items: [], search: '', status: 'all', region: 'all' }).message).toBe('No workspaces yet. Create one to start.');
    expect(emptyListText({ items, search: '', status: 'inactive', region: 'all' }).message).toBe('All 3 workspaces are hidden by the filter Status: Inactive.');
  });
});
