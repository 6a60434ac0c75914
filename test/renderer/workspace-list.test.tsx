// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkspaceItem } from '../../preload/contract';
import { ROW_HEIGHT, WorkspaceList } from '../../renderer/features/workspaces/WorkspaceList';

beforeAll(() => {
  // jsdom has no layout: a fixed-size ResizeObserver stand-in and a 360 px tall list.
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
afterEach(cleanup);

const items: WorkspaceItem[] = Array.from({ length: 5000 }, (_, i) => ({
  id: `id-${i}`,
  name: `prospect-${String(i).padStart(5, '0')}`,
  status: i % 11 ? 'active' : 'inactive',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  region: 'unknown',
}));

function setup(overrides: { items?: WorkspaceItem[]; activeIndex?: number; hasMore?: boolean } = {}) {
  const props = {
    items,
    activeIndex: 0,
    hasMore: true,
    loadingMore: false,
    onActiveChange: vi.fn<(index: number) => void>(),
    onOpen: vi.fn<(item: WorkspaceItem) => void>(),
    onNeedMore: vi.fn<() => void>(),
    ...overrides,
  };
  render(<WorkspaceList {...props} />);
  return props;
}

describe('WorkspaceList', () => {
  it('renders only the rows in view (plus a margin) out of 5,000', () => {
    setup();
    const options = screen.getAllByRole('option');
    expect(options.length).toBeLessThan(40);
    expect(options[0]).toHaveProperty('textContent', expect.stringContaining('prospect-00000'));
    expect(screen.getByRole('listbox', { name: 'Workspaces' }).firstElementChild).toHaveProperty('style.height', `${5000 * ROW_HEIGHT}px`);
  });

  it('renders the rows at the scroll position', () => {
    setup();
    const listbox = screen.getByRole('listbox', { name: 'Workspaces' });
    listbox.scrollTop = 3000 * ROW_HEIGHT;
    fireEvent.scroll(listbox);
    const names = screen.getAllByRole('option').map((o) => o.textContent ?? '');
    expect(names.some((n) => n.includes('prospect-03000'))).toBe(true);
    expect(names.some((n) => n.includes('prospect-00000'))).toBe(false);
  });

  it('asks for more only near the end of what is loaded', () => {
    const first = setup();
    expect(first.onNeedMore).not.toHaveBeenCalled();
    cleanup();
    const short = setup({ items: items.slice(0, 10) });
    expect(short.onNeedMore).toHaveBeenCalled();
    cleanup();
    const done = setup({ items: items.slice(0, 10), hasMore: false });
    expect(done.onNeedMore).not.toHaveBeenCalled();
  });

  it('moves with the arrow keys, Home/End and PageDown, and opens with Enter', () => {
    const props = setup({ activeIndex: 5 });
    const listbox = screen.getByRole('listbox', { name: 'Workspaces' });
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    fireEvent.keyDown(listbox, { key: 'ArrowUp' });
    fireEvent.keyDown(listbox, { key: 'End' });
    fireEvent.keyDown(listbox, { key: 'Home' });
    fireEvent.keyDown(listbox, { key: 'PageDown' });
    expect(props.onActiveChange.mock.calls.map((c) => c[0])).toEqual([6, 4, 4999, 0, 5 + Math.floor(360 / ROW_HEIGHT) - 1]);
    fireEvent.keyDown(listbox, { key: 'Enter' });
    expect(props.onOpen).toHaveBeenCalledWith(items[5]);
    expect(listbox.getAttribute('aria-activedescendant')).toBe('ws-id-5');
  });

  it('opens a row on click', () => {
    const props = setup();
    fireEvent.click(screen.getByRole('option', { name: /prospect-00003/ }));
    expect(props.onActiveChange).toHaveBeenCalledWith(3);
    expect(props.onOpen).toHaveBeenCalledWith(items[3]);
  });
});
