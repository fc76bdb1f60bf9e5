/**
 * Whether the server is up but refuses this page: it was opened without the token, or a
 * restarted `procpool serve` has a new one. A WebSocket cannot see the status of a refused
 * handshake; a plain request to the API with the token can (403 refused, 204 fine).
 */
import { apiPath, bearer } from '../../shared/browser-access.js';

type Fetch = (url: string, init: RequestInit) => Promise<Pick<Response, 'status'>>;

export async function accessRefused(token: string | undefined, fetchPage: Fetch = fetch): Promise<boolean> {
  if (!token) return true;
  try {
    return (await fetchPage(apiPath, { method: 'HEAD', cache: 'no-store', headers: { authorization: bearer(token) } })).status === 403;
  } catch {
    return false; // Not there at all: an ordinary disconnection.
  }
}
