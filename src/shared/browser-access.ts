/**
 * How browser mode's page proves it holds the run's token, without a cookie (a cookie for
 * 127.0.0.1 goes to every port of it): the page keeps the token and offers it as a
 * WebSocket subprotocol when it opens the API, or as a bearer token on a plain request to it.
 * The server answers with `apiProtocol`, never echoing the token.
 */
export const apiPath = '/api';
export const apiProtocol = 'procpool';
const tokenPrefix = 'procpool-token.';

/** The subprotocol that carries `token` (base64url: every character is allowed there). */
export function tokenProtocol(token: string): string {
  return `${tokenPrefix}${token}`;
}

/** The token among the subprotocols a handshake offers (`Sec-WebSocket-Protocol`). */
export function tokenFromProtocols(offered: Iterable<string>): string | undefined {
  for (const protocol of offered) if (protocol.startsWith(tokenPrefix)) return protocol.slice(tokenPrefix.length);
  return undefined;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

export function tokenFromBearer(header: string | undefined): string | undefined {
  const match = /^Bearer ([\w-]+)$/.exec(header ?? '');
  return match?.[1];
}
