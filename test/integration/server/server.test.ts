import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src/main/server/index.js';
import type { ServerMessage } from '../../../src/shared/api.js';
import { apiProtocol, tokenProtocol } from '../../../src/shared/browser-access.js';
import { sampleJob, stubCoreService, type StubService } from '../../fixtures/stub-core-service.js';

let server: RunningServer;
let service: StubService;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'procpool-server-'));
  const site = join(root, 'site');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Procpool</title>');
  writeFileSync(join(site, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  symlinkSync(join(root, 'secret.txt'), join(site, 'link.txt'));
  service = stubCoreService();
  server = await startServer({ service, staticDir: site });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `token` null: none offered. */
function socket(headers: Record<string, string>, token: string | null = server.token): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const protocols = token === null ? [apiProtocol] : [apiProtocol, tokenProtocol(token)];
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, protocols, { headers: { host: `127.0.0.1:${server.port}`, ...headers } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function next(ws: WebSocket, match: (m: ServerMessage) => boolean): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (match(message)) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('browser mode server', () => {
  it('prints exactly http://127.0.0.1:PORT/#token=TOKEN: the token in the fragment, which no browser sends anywhere', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it("serves the app's files (no data) without the token, with a CSP and no Referer, and never a cookie", async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Procpool</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect((await get('/assets/app-1.js')).headers['content-type']).toContain('javascript');
    expect((await get('/', { host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('answers the API over HTTP only with the token as a bearer', async () => {
    expect((await get('/api')).status).toBe(403);
    expect((await get('/api', { authorization: 'Bearer nope' })).status).toBe(403);
    expect((await get('/api', { authorization: `Bearer ${server.token}` })).status).toBe(204);
    expect((await get('/api', { authorization: `Bearer ${server.token}`, host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('moves a token in the query (links of before) to the fragment, without a cookie, and only on this server', async () => {
    const old = await get(`/?token=${server.token}`, { host: `localhost:${server.port}` });
    expect(old.status).toBe(302);
    expect(old.headers.location).toBe(`/#token=${server.token}`);
    expect(old.headers['set-cookie']).toBeUndefined();
    expect(old.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/?token=nope')).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(403);
    const sneaky = await get(`/.//evil.com/?token=${server.token}`);
    expect(sneaky.status).toBe(302);
    expect(sneaky.headers.location).toBe(`/evil.com/#token=${server.token}`);
  });

  it('serves nothing outside its folder', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/link.txt')).status).toBe(404);
  });

  it('refuses a WebSocket from a foreign Origin, without the token or with a wrong one, or to a foreign Host', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    await expect(socket({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(socket({ origin }, null)).rejects.toThrow(/403/);
    await expect(socket({ origin }, 'nope')).rejects.toThrow(/403/);
    await expect(socket({ origin, host: `evil.example:${server.port}` })).rejects.toThrow(/403/);
    const ws = await socket({ origin });
    expect(ws.protocol).toBe(apiProtocol);
    ws.close();
  });

  it('answers commands, checks their arguments, carries errors by name, and streams events', async () => {
    const ws = await socket({ origin: `http://localhost:${server.port}` });
    const answer = next(ws, (m) => 'id' in m && m.id === 1);
    ws.send(JSON.stringify({ id: 1, command: 'cancelJob', args: [7] }));
    expect(await answer).toMatchObject({ id: 1, ok: true, value: { id: 7, status: 'cancelled' } });

    const bad = next(ws, (m) => 'id' in m && m.id === 2);
    ws.send(JSON.stringify({ id: 2, command: 'killWorker', args: ['1; rm -rf /'] }));
    expect(await bad).toMatchObject({ id: 2, ok: false, error: { name: 'TypeError' } });
    expect(service.calls.some(([name]) => name === 'killWorker')).toBe(false);

    const unknown = next(ws, (m) => 'id' in m && m.id === 3);
    ws.send(JSON.stringify({ id: 3, command: 'close', args: [] }));
    expect(await unknown).toMatchObject({ id: 3, ok: false, error: { name: 'TypeError' } });

    const failed = next(ws, (m) => 'id' in m && m.id === 4);
    ws.send(JSON.stringify({ id: 4, command: 'submitJob', args: [{ kind: 'copy', source: '/missing', destination: '/x' }] }));
    expect(await failed).toMatchObject({ id: 4, ok: false, error: { name: 'JobInputError', message: 'the source /missing does not exist' } });

    const event = next(ws, (m) => 'event' in m && m.event === 'jobs');
    service.emit('jobs', [sampleJob(3, { itemsDone: 1 })]);
    service.emit('jobs', [sampleJob(3, { itemsDone: 2 })]);
    expect(await event).toEqual({ event: 'jobs', payload: [sampleJob(3, { itemsDone: 2 })] });
    ws.close();
  });
});
