import { describe, expect, it } from 'vitest';
import { checkAccess, hostAllowed, originAllowed, readCookie, tokenCookie } from '../../../src/main/server/access-guard.js';

const port = 4321;
const token = 'secret-token';

describe('access guard', () => {
  it('accepts only our own address as Host', () => {
    expect(hostAllowed('127.0.0.1:4321', port)).toBe(true);
    expect(hostAllowed('localhost:4321', port)).toBe(true);
    expect(hostAllowed('LOCALHOST:4321', port)).toBe(true);
    for (const host of ['evil.com', 'evil.com:4321', '127.0.0.1', '127.0.0.1:80', '[::1]:4321', undefined]) expect(hostAllowed(host, port)).toBe(false);
  });

  it('accepts only our own pages as WebSocket Origin', () => {
    expect(originAllowed('http://127.0.0.1:4321', port)).toBe(true);
    expect(originAllowed('http://localhost:4321', port)).toBe(true);
    for (const origin of ['http://evil.com', 'https://127.0.0.1:4321', 'http://127.0.0.1:1', 'null', undefined]) expect(originAllowed(origin, port)).toBe(false);
  });

  it('trades a token in the query for a redirect without it', () => {
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: undefined, url: '/?token=secret-token&x=1' }, port, token)).toEqual({ ok: true, via: 'query', location: '/?x=1' });
    expect(checkAccess({ host: '127.0.0.1:4321', cookie: undefined, url: '/?token=secret-token' }, port, token)).toEqual({ ok: true, via: 'query', location: '/' });
  });

  it('accepts the cookie it set, and refuses a wrong or missing token or a foreign Host', () => {
    const cookie = tokenCookie(port, token).split(';')[0];
    expect(checkAccess({ host: 'localhost:4321', cookie: `a=b; ${cookie}`, url: '/' }, port, token)).toEqual({ ok: true, via: 'cookie' });
    expect(checkAccess({ host: 'localhost:4321', cookie: undefined, url: '/' }, port, token).ok).toBe(false);
    expect(checkAccess({ host: 'localhost:4321', cookie: undefined, url: '/?token=secret-tokex' }, port, token).ok).toBe(false);
    expect(checkAccess({ host: 'localhost:4321', cookie: 'procpool-token-1=secret-token', url: '/' }, port, token).ok).toBe(false);
    expect(checkAccess({ host: 'evil.com:4321', cookie, url: '/?token=secret-token' }, port, token).ok).toBe(false);
  });

  it('sets an HttpOnly SameSite=Strict cookie named after the port', () => {
    expect(tokenCookie(port, token)).toBe('procpool-token-4321=secret-token; Path=/; HttpOnly; SameSite=Strict');
    expect(readCookie('x=1; procpool-token-4321=abc', 'procpool-token-4321')).toBe('abc');
  });
});
