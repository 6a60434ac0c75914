// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../renderer/features/palette/commands';
import { CommandPalette } from '../../renderer/features/palette/CommandPalette';
import { shortcutOf } from '../../renderer/ui/shortcuts';

afterEach(cleanup);
// jsdom has no modal dialogs: open/close are attributes here (the browser's behaviour is in e2e).
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
};

function commands(log: string[]): Command[] {
  const c = (id: string, group: Command['group'], label: string, extra: Partial<Command> = {}): Command => ({ id, group, label, run: () => log.push(label), ...extra });
  return [
    c('area:workspaces', 'Areas', 'Workspaces'),
    c('area:templates', 'Areas', 'Templates'),
    c('action:requests', 'Actions', 'Requests', { keys: { shown: 'Ctrl/Cmd+Shift+R', aria: 'Control+Shift+R Meta+Shift+R' }, detail: 'The request inspector' }),
    c('workspace:w1', 'Workspaces', 'Temperature lab'),
  ];
}

function Host({ log, onClosed }: { log: string[]; onClosed?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open palette
      </button>
      {open && (
        <CommandPalette
          commands={commands(log)}
          onClose={() => {
            setOpen(false);
            onClosed?.();
          }}
        />
      )}
    </>
  );
}

function openPalette(log: string[] = [], onClosed?: () => void) {
  render(<Host log={log} {...(onClosed ? { onClosed } : {})} />);
  const opener = screen.getByRole('button', { name: 'Open palette' });
  opener.focus();
  fireEvent.click(opener);
  const input = screen.getByRole('combobox', { name: 'Command or name' });
  return { opener, input, log };
}

const optionNames = () => screen.getAllByRole('option').map((o) => o.querySelector('.palette-label')?.textContent);
const activeOption = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-activedescendant') ?? '');

describe('the command palette', () => {
  it('is a dialog named "Command palette" with a combobox that controls the listbox', () => {
    const { input } = openPalette();
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
    expect(document.activeElement).toBe(input);
    const listbox = screen.getByRole('listbox', { name: 'Commands' });
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('group').map((g) => g.getAttribute('aria-labelledby') && document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent)).toEqual(['Areas', 'Actions', 'Workspaces']);
    expect(optionNames()).toEqual(['Workspaces', 'Templates', 'Requests', 'Temperature lab']);
    // The first option is active and is the one selected.
    expect(activeOption(input)?.textContent).toContain('Workspaces');
    expect(activeOption(input)?.getAttribute('aria-selected')).toBe('true');
    // Shortcuts are announced through aria-keyshortcuts, shown as text.
    const requests = screen.getByRole('option', { name: /Requests/ });
    expect(requests.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+R Meta+Shift+R');
    expect(requests.textContent).toContain('Ctrl/Cmd+Shift+R');
  });

  it('filters as the user types, best match first, and says when nothing matches', () => {
    const { input } = openPalette();
    fireEvent.change(input, { target: { value: 'temp' } });
    expect(optionNames()).toEqual(['Templates', 'Temperature lab']);
    expect(activeOption(input)?.textContent).toContain('Templates');
    expect(screen.getByRole('status').textContent).toBe('2 matches');
    // Matched letters are marked.
    expect([...activeOption(input)!.querySelectorAll('mark')].map((m) => m.textContent).join('')).toBe('Temp');
    fireEvent.change(input, { target: { value: 'qqq' } });
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    expect(screen.getByText('Nothing matches “qqq”.')).toBeTruthy();
  });

  it('moves with Up and Down (wrapping) and runs the active option on Enter, after closing', () => {
    const closed = vi.fn();
    const { input, log } = openPalette([], closed);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(activeOption(input)?.textContent).toContain('Requests');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(activeOption(input)?.textContent).toContain('Templates');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(activeOption(input)?.textContent).toContain('Temperature lab');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(activeOption(input)?.textContent).toContain('Workspaces');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(log).toEqual(['Templates']);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('resets the active option to the best match on each change of the text', () => {
    const { input, log } = openPalette();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.change(input, { target: { value: 'lab' } });
    expect(activeOption(input)?.textContent).toContain('Temperature lab');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(log).toEqual(['Temperature lab']);
  });

  it('does nothing on Enter when nothing matches, and keeps the palette open', () => {
    const { input, log } = openPalette();
    fireEvent.change(input, { target: { value: 'zzz' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(log).toEqual([]);
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
  });

  it('runs an option on click', () => {
    const { log } = openPalette();
    fireEvent.click(screen.getByRole('option', { name: /Temperature lab/ }));
    expect(log).toEqual(['Temperature lab']);
  });

  it('closes on Escape (the dialog’s cancel) and gives focus back to the opener', () => {
    const { opener, log } = openPalette();
    act(() => {
      screen.getByRole('dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(log).toEqual([]);
  });
});

describe('the palette shortcut', () => {
  const key = (over: Partial<KeyboardEvent>) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, code: '', key: '', ...over });
  it('is Ctrl/Cmd+K, also in a text field, but not inside Monaco (its chords start with Ctrl+K); Ctrl/Cmd+P everywhere', () => {
    expect(shortcutOf(key({ ctrlKey: true, code: 'KeyK', key: 'k' }), document.body)).toBe('palette');
    expect(shortcutOf(key({ metaKey: true, code: 'KeyK', key: 'k' }), null)).toBe('palette');
    const input = document.createElement('input');
    document.body.append(input);
    expect(shortcutOf(key({ ctrlKey: true, code: 'KeyK', key: 'k' }), input)).toBe('palette');
    const editor = document.createElement('div');
    editor.className = 'monaco-editor';
    const area = document.createElement('textarea');
    editor.append(area);
    document.body.append(editor);
    expect(shortcutOf(key({ ctrlKey: true, code: 'KeyK', key: 'k' }), area)).toBeNull();
    // Ctrl/Cmd+P reaches the palette from everywhere, inside Monaco included.
    expect(shortcutOf(key({ ctrlKey: true, code: 'KeyP', key: 'p' }), area)).toBe('palette');
    expect(shortcutOf(key({ metaKey: true, code: 'KeyP', key: 'p' }), input)).toBe('palette');
    expect(shortcutOf(key({ ctrlKey: true, shiftKey: true, code: 'KeyP', key: 'P' }), area)).toBe('presenter');
    expect(shortcutOf(key({ ctrlKey: true, shiftKey: true, code: 'KeyK', key: 'K' }), null)).toBeNull();
    expect(shortcutOf(key({ key: 'k', code: 'KeyK' }), null)).toBeNull();
    input.remove();
    editor.remove();
  });
});
