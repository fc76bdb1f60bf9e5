import { describe, expect, it } from 'vitest';
import { checkHttp, hostAllowed, localPath, originAllowed, pageUrl, socketRefusal } from '../../../src/main/server/access-guard.js';
import { apiProtocol, tokenProtocol } from '../../../src/shared/browser-access.js';

const port = 4321;
const token = 'secret-token';
const host = '127.0.0.1:4321';

describe('access guard', () => {
  it('accepts only our own address as Host', () => {
    expect(hostAllowed('127.0.0.1:4321', port)).toBe(true);
    expect(hostAllowed('localhost:4321', port)).toBe(true);
    expect(hostAllowed('LOCALHOST:4321', port)).toBe(true);
    for (const other of ['evil.com', 'evil.com:4321', '127.0.0.1', '127.0.0.1:80', '[::1]:4321', undefined]) expect(hostAllowed(other, port)).toBe(false);
  });

  it('accepts only our own pages as WebSocket Origin', () => {
    expect(originAllowed('http://127.0.0.1:4321', port)).toBe(true);
    expect(originAllowed('http://localhost:4321', port)).toBe(true);
    for (const origin of ['http://evil.com', 'https://127.0.0.1:4321', 'http://127.0.0.1:1', 'null', undefined]) expect(originAllowed(origin, port)).toBe(false);
  });

  it('puts the token in the fragment of the URL it prints', () => {
    expect(pageUrl(port, token)).toBe('http://127.0.0.1:4321/#token=secret-token');
  });

  it("serves the app's files to our Host without a token, and to no other Host", () => {
    expect(checkHttp({ host, authorization: undefined, url: '/assets/app.js' }, port, token)).toEqual({ kind: 'file', path: '/assets/app.js' });
    expect(checkHttp({ host: 'evil.com:4321', authorization: undefined, url: '/' }, port, token).kind).toBe('refuse');
  });

  it('lets a plain request reach the API only with the token as a bearer', () => {
    expect(checkHttp({ host, authorization: 'Bearer secret-token', url: '/api' }, port, token)).toEqual({ kind: 'api' });
    for (const authorization of [undefined, 'Bearer secret-tokex', 'secret-token', 'Basic c2VjcmV0LXRva2Vu']) {
      expect(checkHttp({ host, authorization, url: '/api' }, port, token).kind).toBe('refuse');
    }
    expect(checkHttp({ host, authorization: undefined, url: '/api/anything?token=secret-token' }, port, token).kind).toBe('refuse');
  });

  it('moves a token in the query (links of before) to the fragment, on this server only', () => {
    expect(checkHttp({ host, authorization: undefined, url: '/?token=secret-token&x=1' }, port, token)).toEqual({ kind: 'redirect', location: '/?x=1#token=secret-token' });
    expect(checkHttp({ host, authorization: undefined, url: '/?token=secret-token' }, port, token)).toEqual({ kind: 'redirect', location: '/#token=secret-token' });
    expect(checkHttp({ host, authorization: undefined, url: '/?token=wrong' }, port, token).kind).toBe('refuse');
    for (const url of ['/.//evil.com/?token=secret-token', '//evil.com/?token=secret-token', '/\\evil.com/?token=secret-token', '/./\\/evil.com?token=secret-token']) {
      const verdict = checkHttp({ host, authorization: undefined, url }, port, token);
      expect(verdict.kind).toBe('redirect');
      expect((verdict as { location: string }).location).toMatch(/^\/(?![/\\])/);
    }
    expect(localPath('//evil.com/x')).toBe('/evil.com/x');
    expect(localPath('/\\evil.com')).toBe('/evil.com');
  });

  it('opens a WebSocket only with our Host and Origin, on /api, with the token offered as a subprotocol', () => {
    const good = { host, origin: 'http://127.0.0.1:4321', protocols: `${apiProtocol}, ${tokenProtocol(token)}`, url: '/api' };
    expect(socketRefusal(good, port, token)).toBeUndefined();
    expect(socketRefusal({ ...good, protocols: undefined }, port, token)).toMatch(/access token/);
    expect(socketRefusal({ ...good, protocols: `${apiProtocol}, ${tokenProtocol('secret-tokex')}` }, port, token)).toMatch(/access token/);
    expect(socketRefusal({ ...good, origin: 'http://evil.com' }, port, token)).toMatch(/Origin/);
    expect(socketRefusal({ ...good, host: 'evil.com:4321' }, port, token)).toMatch(/Host/);
    expect(socketRefusal({ ...good, url: '/other' }, port, token)).toBe('no such endpoint');
  });
});
