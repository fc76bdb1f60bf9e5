/**
 * Who may talk to browser mode: a request must name our own address in `Host` (the
 * DNS-rebinding defence), carry the run's token (in the query once, then in the cookie the
 * server sets), and a WebSocket must come from one of our own pages (`Origin`). Pure
 * functions, so each rule is tested on its own.
 */
import { timingSafeEqual } from 'node:crypto';

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

/** Cookies are per host, not per port: the name carries the port so two servers never mix. */
export function cookieName(port: number): string {
  return `procpool-token-${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface AccessRequest {
  host: string | undefined;
  cookie: string | undefined;
  /** The request's path with its query, as sent. */
  url: string;
}

export type AccessVerdict =
  | { ok: true; via: 'cookie' }
  /** The token came in the query: set the cookie and redirect to `location`, the URL without it. */
  | { ok: true; via: 'query'; location: string }
  | { ok: false; reason: string };

export function checkAccess(request: AccessRequest, port: number, token: string): AccessVerdict {
  if (!hostAllowed(request.host, port)) return { ok: false, reason: `Host ${request.host ?? '(none)'} is not this server` };
  const url = new URL(request.url, `http://127.0.0.1:${port}`);
  if (tokenMatches(url.searchParams.get('token'), token)) {
    url.searchParams.delete('token');
    return { ok: true, via: 'query', location: url.pathname + url.search };
  }
  if (tokenMatches(readCookie(request.cookie, cookieName(port)), token)) return { ok: true, via: 'cookie' };
  return { ok: false, reason: 'missing or wrong access token: open the URL that `procpool serve` printed' };
}
