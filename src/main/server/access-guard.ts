/**
 * Who may talk to browser mode. Every request must name our own address in `Host` (the
 * DNS-rebinding defence). The app's files hold no data and are served to any such request;
 * every API access needs the run's token, which the page keeps (no cookie: a cookie for
 * 127.0.0.1 would reach every port of it): a WebSocket offers it as a subprotocol and must
 * come from one of our own pages (`Origin`); a plain request to the API carries it as a
 * bearer token. Pure functions, so each rule is tested on its own.
 */
import { timingSafeEqual } from 'node:crypto';
import { apiPath, tokenFromBearer, tokenFromProtocols } from '../../shared/browser-access.js';

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedOrigins(port).includes(origin.toLowerCase());
}

export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A path of this server only: one leading '/', so `//evil.com/` can never become a redirect away. */
export function localPath(pathname: string): string {
  return `/${pathname.replace(/^[/\\]+/, '')}`;
}

/** The page's URL with the token where only the page sees it: the fragment, never sent to a server. */
export function pageUrl(port: number, token: string, path = '/'): string {
  return `http://127.0.0.1:${port}${localPath(path)}#token=${token}`;
}

const refusedToken = 'missing or wrong access token: open the URL that `procpool serve` printed';

export interface HttpRequest {
  host: string | undefined;
  authorization: string | undefined;
  /** The request's path with its query, as sent. */
  url: string;
}

export type HttpVerdict =
  | { kind: 'refuse'; reason: string }
  /** A link of before, `/?token=…`: the same path with the token moved to the fragment. */
  | { kind: 'redirect'; location: string }
  /** A request to the API with the token: it may ask whether the token is good. */
  | { kind: 'api' }
  | { kind: 'file'; path: string };

export function checkHttp(request: HttpRequest, port: number, token: string): HttpVerdict {
  if (!hostAllowed(request.host, port)) return { kind: 'refuse', reason: `Host ${request.host ?? '(none)'} is not this server` };
  const url = new URL(request.url, `http://127.0.0.1:${port}`);
  if (isApi(url.pathname)) return tokenMatches(tokenFromBearer(request.authorization), token) ? { kind: 'api' } : { kind: 'refuse', reason: refusedToken };
  const inQuery = url.searchParams.get('token');
  if (inQuery !== null) {
    if (!tokenMatches(inQuery, token)) return { kind: 'refuse', reason: refusedToken };
    url.searchParams.delete('token');
    return { kind: 'redirect', location: `${localPath(url.pathname)}${url.search}#token=${token}` };
  }
  return { kind: 'file', path: url.pathname };
}

export interface SocketRequest {
  host: string | undefined;
  origin: string | undefined;
  /** `Sec-WebSocket-Protocol`, as sent. */
  protocols: string | undefined;
  url: string;
}

/** Why a WebSocket handshake is refused, or undefined when it may go on. */
export function socketRefusal(request: SocketRequest, port: number, token: string): string | undefined {
  if (!hostAllowed(request.host, port)) return `Host ${request.host ?? '(none)'} is not this server`;
  if (!originAllowed(request.origin, port)) return `Origin ${request.origin ?? '(none)'} is not this server`;
  if (new URL(request.url, `http://127.0.0.1:${port}`).pathname !== apiPath) return 'no such endpoint';
  const offered = (request.protocols ?? '').split(',').map((protocol) => protocol.trim());
  if (!tokenMatches(tokenFromProtocols(offered), token)) return refusedToken;
  return undefined;
}

function isApi(pathname: string): boolean {
  return pathname === apiPath || pathname.startsWith(`${apiPath}/`);
}
