import { describe, expect, it } from 'vitest';
import { pageToken, takeTokenFromUrl, type TokenPlace } from '../../../src/renderer/lib/page-token.js';

/** A tab: its address, its history, its sessionStorage, and its hashchange listeners. */
function tab(hash: string, stored: Record<string, string> = {}) {
  const address = { hash, pathname: '/', search: '' };
  const replaced: string[] = [];
  const storage = new Map(Object.entries(stored));
  const listeners: Array<() => void> = [];
  const place: TokenPlace = {
    location: address,
    history: {
      state: null,
      replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => {
        replaced.push(String(url));
        address.hash = '';
      },
    },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  const events = { addEventListener: (_type: string, listener: () => void) => void listeners.push(listener) } as unknown as Pick<Window, 'addEventListener'>;
  return { place, address, replaced, storage, events, open: (newHash: string) => ((address.hash = newHash), listeners.forEach((l) => l())) };
}

describe("browser mode's token in the page", () => {
  it('takes it from the fragment, keeps it in sessionStorage, and removes it from the address bar', () => {
    const t = tab('#token=abc-123');
    const token = pageToken(t.place, t.events);
    expect(token.current()).toBe('abc-123');
    expect(t.storage.get('procpool-token')).toBe('abc-123');
    expect(t.replaced).toEqual(['/']);
    expect(t.address.hash).toBe('');
  });

  it('keeps it across a reload of the tab (sessionStorage), and has none in a tab opened without it', () => {
    const reloaded = tab('#/workers', { 'procpool-token': 'abc-123' });
    expect(pageToken(reloaded.place, reloaded.events).current()).toBe('abc-123');
    expect(reloaded.replaced).toEqual([]);
    const bare = tab('');
    expect(pageToken(bare.place, bare.events).current()).toBeUndefined();
  });

  it('takes a new token when the printed address is opened in the same tab, and says so once', () => {
    const t = tab('#token=old');
    const token = pageToken(t.place, t.events);
    let told = 0;
    token.onNewToken(() => told++);
    t.open('#/jobs');
    t.open('#token=new');
    t.open('#token=new');
    expect(told).toBe(1);
    expect(token.current()).toBe('new');
    expect(t.storage.get('procpool-token')).toBe('new');
  });

  it('keeps it in memory where the page has no storage', () => {
    const t = tab('#token=abc');
    const token = pageToken({ ...t.place, storage: undefined }, t.events);
    expect(token.current()).toBe('abc');
    expect(takeTokenFromUrl(t.place)).toBeUndefined();
  });
});
