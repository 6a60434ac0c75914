// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../preload/contract';
import { ErrorPanel } from '../../renderer/ui/ErrorPanel';

afterEach(cleanup);

const error = (message: string, issues?: Array<{ path: string; message: string }>): AppErrorShape => ({ code: 'invalid_input', message, retryable: false, ...(issues ? { details: { issues } } : {}) });

describe('ErrorPanel', () => {
  it('says a single refused field once, without its path', () => {
    render(<ErrorPanel error={error('Base URL must be an https:// URL.', [{ path: 'baseUrl', message: 'Base URL must be an https:// URL.' }])} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Base URL must be an https:// URL.');
    expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull();
  });

  it('lists the other fields as sentences when several were refused, none twice, no paths', () => {
    render(
      <ErrorPanel
        error={error('Name is too long (at most 80 characters). (2 more problems below.)', [
          { path: 'name', message: 'Name is too long (at most 80 characters).' },
          { path: 'baseUrl', message: 'Base URL must be an https:// URL.' },
          { path: 'changes.proxy', message: 'Proxy must be an http:// or https:// URL.' },
          { path: 'proxy', message: 'Proxy must be an http:// or https:// URL.' },
        ])}
      />,
    );
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Base URL must be an https:// URL.', 'Proxy must be an http:// or https:// URL.']);
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text.match(/Name is too long/g)).toHaveLength(1);
    expect(text).not.toMatch(/baseUrl|changes\.|proxy:/);
  });

  it('never shows a channel name, even for an error without issues', () => {
    render(<ErrorPanel error={error('The API did not answer in time.')} onRetry={() => {}} />);
    expect(screen.getByRole('alert').textContent).not.toMatch(/\b[a-z]+:[a-z]+[A-Z]?\w*\b/);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
