/**
 * Whether the server is up but refuses this page: a restarted `procpool serve` has a new
 * token, so the old one's cookie gets 403 for ever. A WebSocket cannot see the status of a
 * refused handshake; a plain request to the page's own server can.
 */
export async function accessRefused(fetchPage: (url: string, init: RequestInit) => Promise<Pick<Response, 'status'>> = fetch): Promise<boolean> {
  try {
    return (await fetchPage('/', { method: 'HEAD', cache: 'no-store' })).status === 403;
  } catch {
    return false; // Not there at all: an ordinary disconnection.
  }
}
