// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Dialog } from '../../renderer/ui/Dialog';
import { shortcutOf } from '../../renderer/ui/shortcuts';

afterEach(cleanup);
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
};

const key = (over: Partial<KeyboardEvent>) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, code: '', key: '', ...over });

describe('global shortcuts', () => {
  it('knows Ctrl/Cmd+Shift+N, Ctrl/Cmd+Shift+R and Ctrl/Cmd+Shift+P, on any layout', () => {
    expect(shortcutOf(key({ ctrlKey: true, shiftKey: true, code: 'KeyN', key: 'N' }), null)).toBe('new-workspace');
    expect(shortcutOf(key({ metaKey: true, shiftKey: true, code: 'KeyR', key: 'r' }), null)).toBe('requests');
    expect(shortcutOf(key({ ctrlKey: true, shiftKey: true, code: 'KeyP', key: 'P' }), null)).toBe('presenter');
    expect(shortcutOf(key({ ctrlKey: true, code: 'KeyR', key: 'r' }), null)).toBeNull();
    expect(shortcutOf(key({ ctrlKey: true, shiftKey: true, altKey: true, code: 'KeyN', key: 'N' }), null)).toBeNull();
  });

  it('treats ? as help only outside text fields', () => {
    const input = document.createElement('input');
    document.body.append(input);
    expect(shortcutOf(key({ shiftKey: true, key: '?' }), document.body)).toBe('help');
    expect(shortcutOf(key({ shiftKey: true, key: '?' }), input)).toBeNull();
    input.remove();
  });
});

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open it
      </button>
      {open && (
        <Dialog title="A dialog" onClose={() => setOpen(false)}>
          <input aria-label="Inside" autoFocus />
        </Dialog>
      )}
    </>
  );
}

describe('Dialog focus', () => {
  it('gives focus back to the control that opened it when Escape closes it', () => {
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'Open it' });
    opener.focus();
    fireEvent.click(opener);
    expect(document.activeElement).toBe(screen.getByLabelText('Inside'));
    // Escape on a modal <dialog> fires `cancel`.
    fireEvent(screen.getByRole('dialog', { name: 'A dialog' }), new Event('cancel', { cancelable: true }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
