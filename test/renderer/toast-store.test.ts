import { afterEach, describe, expect, it, vi } from 'vitest';
import { createToastStore, notify, useToastStore } from '../../renderer/ui/toast-store';

afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('shows a message and takes it away after its time', () => {
    vi.useFakeTimers();
    const store = createToastStore({ durationMs: 1000 });
    store.getState().show('Profile “Acme” created.');
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Profile “Acme” created.']);
    vi.advanceTimersByTime(999);
    expect(store.getState().toasts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(store.getState().toasts).toHaveLength(0);
  });

  it('keeps only the latest three in a burst', () => {
    const store = createToastStore();
    for (const n of [1, 2, 3, 4, 5]) store.getState().show(`Workspace ${n} deactivated.`);
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Workspace 3 deactivated.', 'Workspace 4 deactivated.', 'Workspace 5 deactivated.']);
  });

  it('dismisses one toast by hand, leaving the others', () => {
    const store = createToastStore();
    const first = store.getState().show('one');
    store.getState().show('two');
    store.getState().dismiss(first);
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['two']);
  });

  it('notify() feeds the app’s region and ignores an empty message', () => {
    const before = useToastStore.getState().toasts.length;
    notify('   ');
    expect(useToastStore.getState().toasts).toHaveLength(before);
    notify('Workspace “acme-us-demo” created.');
    expect(useToastStore.getState().toasts.at(-1)?.message).toBe('Workspace “acme-us-demo” created.');
    expect(useToastStore.getState().toasts.at(-1)?.tone).toBe('success');
    notify('Saved, but the API rejected them.', { tone: 'warning' });
    expect(useToastStore.getState().toasts.at(-1)?.tone).toBe('warning');
  });
});
