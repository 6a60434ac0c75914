// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INTENT_TTL_MS, peekIntent, requestIntent, takeIntent, useAppIntent, useAppIntentPeek, useIntentStore, type AppIntent } from '../../renderer/ui/app-intents';

afterEach(cleanup);
beforeEach(() => useIntentStore.setState({ pending: null }));

const DIALOG_KINDS = ['suggest-regions', 'switch-profile'] as const;

/** Stands in for a feature's component: its "button handler" records what it was asked to do. */
function Owner({ log }: { log: string[] }) {
  useAppIntent(DIALOG_KINDS, (intent) => log.push(intent.kind === 'switch-profile' ? `switch:${intent.profileId}` : intent.kind));
  return <p>owner</p>;
}

/** A parent that must show the tab owning the control first (Templates → Sources tab). */
function Tabs({ log }: { log: string[] }) {
  const [tab, setTab] = useState<'tags' | 'sources'>('tags');
  useAppIntentPeek(['new-source-template'], () => setTab('sources'));
  return <div>{tab === 'sources' ? <SourcesTab log={log} /> : <p>tags tab</p>}</div>;
}
function SourcesTab({ log }: { log: string[] }) {
  useAppIntent(['new-source-template'], () => log.push('picker opened'));
  return <p>sources tab</p>;
}

describe('requests for another feature’s action', () => {
  it('reach a component that mounts after the request (the area opens on the next render)', () => {
    const log: string[] = [];
    requestIntent({ kind: 'suggest-regions' });
    render(<Owner log={log} />);
    expect(log).toEqual(['suggest-regions']);
    // Taken once: a re-render or a second mount does not repeat it.
    cleanup();
    render(<Owner log={log} />);
    expect(log).toEqual(['suggest-regions']);
  });

  it('reach a mounted component at once, with their details', () => {
    const log: string[] = [];
    render(<Owner log={log} />);
    act(() => requestIntent({ kind: 'switch-profile', profileId: 'p2' }));
    expect(log).toEqual(['switch:p2']);
  });

  it('are left for their own owner: another kind stays pending', () => {
    const log: string[] = [];
    render(<Owner log={log} />);
    act(() => requestIntent({ kind: 'new-draft' }));
    expect(log).toEqual([]);
    expect(takeIntent(['new-draft'])).toEqual({ kind: 'new-draft' });
  });

  it('let a parent show the child that takes them', () => {
    const log: string[] = [];
    render(<Tabs log={log} />);
    expect(screen.getByText('tags tab')).toBeTruthy();
    act(() => requestIntent({ kind: 'new-source-template' }));
    expect(screen.getByText('sources tab')).toBeTruthy();
    expect(log).toEqual(['picker opened']);
    expect(useIntentStore.getState().pending).toBeNull();
  });

  it('are dropped when nobody took them in time, instead of firing much later', () => {
    const intent: AppIntent = { kind: 'import-regions' };
    requestIntent(intent, 1_000);
    expect(peekIntent(['import-regions'], 1_000 + INTENT_TTL_MS)).toBe(true);
    expect(peekIntent(['import-regions'], 1_001 + INTENT_TTL_MS)).toBe(false);
    expect(takeIntent(['import-regions'], 1_001 + INTENT_TTL_MS)).toBeNull();
    expect(useIntentStore.getState().pending).toBeNull();
  });
});
