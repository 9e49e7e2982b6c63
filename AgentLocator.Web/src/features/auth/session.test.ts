import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSessionState, REFRESH_LOCK_NAME, refreshSession, resetSessionForTests, restoreSession } from './session';
import { authResponse, json, mockFetch } from '../../test/http';

/** A Web Locks stand-in with the one behaviour used here: callers of one name run one after another. */
function installLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const requested: string[] = [];
  const locks = {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      requested.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(callback);
      tails.set(name, run.catch(() => {}));
      return run;
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
  return { locks, requested };
}

afterEach(() => {
  resetSessionForTests();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'locks');
  document.cookie = 'al_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('refreshing across tabs', () => {
  it('waits while another tab holds the refresh lock, then refreshes with the cookie that tab left', async () => {
    const { locks, requested } = installLocks();
    let releaseOtherTab = () => {};
    void locks.request(REFRESH_LOCK_NAME, () => new Promise<void>((resolve) => (releaseOtherTab = resolve)));
    const { requests } = mockFetch(() => json(200, authResponse('after-other-tab')));

    const refreshed = refreshSession();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toHaveLength(0);

    releaseOtherTab();
    await expect(refreshed).resolves.toBe(true);
    expect(requests.map((r) => r.url)).toEqual(['/api/auth/refresh']);
    expect(requested).toEqual([REFRESH_LOCK_NAME, REFRESH_LOCK_NAME]);
  });
});

describe('restoring on start-up', () => {
  it('keeps the session when leaving the page cancelled the restore', async () => {
    document.cookie = 'al_session=1; path=/';
    mockFetch(() => {
      window.dispatchEvent(new Event('pagehide'));
      throw new TypeError('Failed to fetch');
    });

    await restoreSession();

    expect(getSessionState().status).toBe('restoring');
  });

  it('ends the session when the restore fails on a page that stays', async () => {
    document.cookie = 'al_session=1; path=/';
    mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });

    await restoreSession();

    expect(getSessionState().status).toBe('anonymous');
  });
});
