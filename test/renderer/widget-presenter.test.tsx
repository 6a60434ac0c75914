// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { isPresenterShortcut } from '../../renderer/app/App';
import { HIDDEN, hideJwts, JWT_SHAPED, presenterSafe, presenterText } from '../../renderer/features/widget/presenter';

afterEach(cleanup);

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3b3Jrc3BhY2UiLCJleHAiOjE5MDAwMDAwMDB9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
/** The scan the e2e test runs on the real pages: three base64url parts joined by dots. */
const hasJwt = (text: string) => /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/.test(text) || JWT_SHAPED.test(text);

describe('presenter mode helpers', () => {
  it('always hides JWTs, in text and deep in values', () => {
    expect(hideJwts(`Bearer ${jwt} and more`)).toBe('Bearer [JWT hidden] and more');
    const safe = presenterSafe({ note: `token was ${jwt}`, list: [jwt], n: 1, ok: true, none: null }, false);
    expect(JSON.stringify(safe)).not.toContain('eyJ');
    expect(safe).toMatchObject({ n: 1, ok: true, none: null });
  });

  it('hides client ids, organization ids, secret tails and tokens only while on', () => {
    const value = { clientId: 'abc-client', organization_id: 'org-42', credentials: { secretTail: '••••3f2a' }, nested: [{ scopedAuthToken: '[redacted]' }], name: 'acme' };
    expect(presenterSafe(value, false)).toEqual(value);
    const on = presenterSafe(value, true);
    expect(JSON.stringify(on)).not.toMatch(/abc-client|org-42|3f2a/);
    expect(on).toMatchObject({ clientId: HIDDEN, organization_id: HIDDEN, credentials: { secretTail: HIDDEN }, name: 'acme' });
  });

  it('hides the organization header, id query values and client id in curl text', () => {
    const curl = `curl -X POST 'https://api.airbyte.ai/api/v1/account/applications/token?organization_id=org-42' -H 'x-organization-id: org-42' -H 'Authorization: Bearer $TOKEN' --data '{"client_id":"abc-client","client_secret":"$CLIENT_SECRET"}'`;
    expect(presenterText(curl, false)).toBe(curl);
    const on = presenterText(curl, true);
    expect(on).not.toMatch(/org-42|abc-client/);
    expect(on).toContain('$TOKEN');
    expect(presenterText('/api/v1/organizations/org-42/workspaces', true)).not.toContain('org-42');
  });

  it('the shortcut is Ctrl/Cmd+Shift+P and nothing else', () => {
    const key = (over: Partial<KeyboardEvent>) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, code: 'KeyP', key: 'P', ...over });
    expect(isPresenterShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isPresenterShortcut(key({ metaKey: true, shiftKey: true }))).toBe(true);
    expect(isPresenterShortcut(key({ ctrlKey: true }))).toBe(false);
    expect(isPresenterShortcut(key({ ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isPresenterShortcut(key({ code: 'F1', key: 'F1' }))).toBe(false);
  });

  it('a DOM drawn from presenter-safe values holds no JWT-shaped string', () => {
    const payload = presenterSafe({ type: 'end_user_action_result', data: { token: jwt, note: `see ${jwt}` } }, false);
    const { container } = render(
      <div>
        <pre>{JSON.stringify(payload)}</pre>
        <p title={hideJwts(jwt)}>{hideJwts(`header ${jwt}`)}</p>
      </div>,
    );
    expect(hasJwt(container.textContent ?? '')).toBe(false);
    expect(hasJwt(container.innerHTML)).toBe(false);
    // The scan itself finds one when it is there.
    const raw = render(<p>{jwt}</p>);
    expect(hasJwt(raw.container.textContent ?? '')).toBe(true);
  });
});
