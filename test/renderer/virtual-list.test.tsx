// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { nextActiveIndex, pageSizeFor, scrollTopToShow, useLoadMore, VirtualListbox } from '../../renderer/ui/virtual';

beforeAll(() => {
  globalThis.ResizeObserver = class {
    constructor(private readonly cb: () => void) {}
    observe() {
      this.cb();
    }
    disconnect() {}
    unobserve() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 200 });
});
afterEach(cleanup);

describe('keyboard model', () => {
  it('moves by one, a page, or to the ends, clamped to the list', () => {
    expect(nextActiveIndex('ArrowDown', 3, 10, 4)).toBe(4);
    expect(nextActiveIndex('ArrowDown', 9, 10, 4)).toBe(9);
    expect(nextActiveIndex('ArrowUp', 0, 10, 4)).toBe(0);
    expect(nextActiveIndex('PageDown', 8, 10, 4)).toBe(9);
    expect(nextActiveIndex('PageUp', 2, 10, 4)).toBe(0);
    expect(nextActiveIndex('Home', 5, 10, 4)).toBe(0);
    expect(nextActiveIndex('End', 5, 10, 4)).toBe(9);
    expect(nextActiveIndex('x', 5, 10, 4)).toBeNull();
    expect(nextActiveIndex('ArrowDown', 0, 0, 4)).toBeNull();
  });

  it('pages by the rows that fit less one, and at least one', () => {
    expect(pageSizeFor(360, 36)).toBe(9);
    expect(pageSizeFor(20, 36)).toBe(1);
  });

  it('scrolls just enough to show a row whole', () => {
    expect(scrollTopToShow(5, 20, 0, 200)).toBeNull();
    expect(scrollTopToShow(10, 20, 0, 200)).toBe(20);
    expect(scrollTopToShow(2, 20, 100, 200)).toBe(40);
  });
});

describe('useLoadMore', () => {
  it('asks once the rendered rows come within the threshold of the end', () => {
    const onLoadMore = vi.fn();
    const { rerender } = renderHook((props: { last: number; loading: boolean; hasMore: boolean }) =>
      useLoadMore({ count: 100, lastRenderedIndex: props.last, hasMore: props.hasMore, loading: props.loading, threshold: 15, onLoadMore }),
    { initialProps: { last: 20, loading: false, hasMore: true } });
    expect(onLoadMore).not.toHaveBeenCalled();
    rerender({ last: 84, loading: false, hasMore: true });
    expect(onLoadMore).toHaveBeenCalledTimes(1);
    rerender({ last: 90, loading: true, hasMore: true });
    expect(onLoadMore).toHaveBeenCalledTimes(1);
    rerender({ last: 99, loading: false, hasMore: false });
    expect(onLoadMore).toHaveBeenCalledTimes(1);
  });
});

describe('VirtualListbox', () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({ id: `k${i}`, label: `Item ${i}` }));

  function setup(activeIndex = 0) {
    const props = {
      onActiveChange: vi.fn<(index: number) => void>(),
      onOpen: vi.fn<(item: (typeof items)[number], index: number) => void>(),
    };
    render(
      <VirtualListbox
        items={items}
        label="Things"
        rowHeight={20}
        overscan={3}
        idPrefix="thing-"
        getKey={(item) => item.id}
        activeIndex={activeIndex}
        renderItem={(item) => item.label}
        {...props}
      />,
    );
    return { ...props, listbox: screen.getByRole('listbox', { name: 'Things' }) };
  }

  it('renders the rows in view plus the overscan, positioned by index', () => {
    const { listbox } = setup();
    const options = screen.getAllByRole('option');
    expect(options.length).toBeLessThanOrEqual(200 / 20 + 3 + 1);
    expect(options[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(options[0]!.getAttribute('aria-setsize')).toBe('1000');
    listbox.scrollTop = 500 * 20;
    act(() => {
      fireEvent.scroll(listbox);
    });
    const shown = screen.getAllByRole('option');
    expect(shown[0]!.textContent).toBe('Item 497');
    expect(shown[3]!.style.top).toBe(`${500 * 20}px`);
  });

  it('announces the active row and keeps it in view when it moves', () => {
    const first = setup(0);
    expect(first.listbox.getAttribute('aria-activedescendant')).toBe('thing-k0');
    cleanup();
    const { listbox } = setup(600);
    expect(listbox.getAttribute('aria-activedescendant')).toBe('thing-k600');
    expect(listbox.scrollTop).toBe(601 * 20 - 200);
  });

  it('leaves keys pressed on a focusable child alone', () => {
    const { listbox, onActiveChange } = setup();
    const child = document.createElement('button');
    listbox.appendChild(child);
    fireEvent.keyDown(child, { key: 'ArrowDown' });
    expect(onActiveChange).not.toHaveBeenCalled();
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    expect(onActiveChange).toHaveBeenCalledWith(1);
  });
});
