/**
 * Browser mode's access token, kept in the page. It arrives in the URL's fragment (which no
 * browser sends to a server, nor in a Referer), moves to sessionStorage (this tab, this
 * origin: this server's port) and leaves the address bar and the history. No cookie: one
 * for 127.0.0.1 would go to every port of it.
 */
const key = 'procpool-token';

export interface TokenPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  /** Undefined where the browser keeps no storage for the page: the token then lives in memory. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/** The token the URL's fragment brings, if any, taken out of the URL. */
export function takeTokenFromUrl(place: TokenPlace): string | undefined {
  const token = new URLSearchParams(place.location.hash.replace(/^#/, '')).get('token');
  if (!token) return undefined;
  place.history.replaceState(place.history.state, '', place.location.pathname + place.location.search);
  return token;
}

export interface PageToken {
  /** The token this tab holds; undefined when it was opened without one. */
  current(): string | undefined;
  /** Called when the address the server printed is opened in this tab again (a restarted server). */
  onNewToken(listener: () => void): void;
}

export function pageToken(place: TokenPlace = { location, history, storage: sessionStorageOrNone() }, events: Pick<Window, 'addEventListener'> = window): PageToken {
  let held = place.storage?.getItem(key) ?? undefined;
  const take = (): boolean => {
    const token = takeTokenFromUrl(place);
    if (!token || token === held) return false;
    held = token;
    place.storage?.setItem(key, token);
    return true;
  };
  take();
  return {
    current: () => held,
    onNewToken(listener) {
      events.addEventListener('hashchange', () => {
        if (take()) listener();
      });
    },
  };
}

function sessionStorageOrNone(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage disabled for this page
  }
}
