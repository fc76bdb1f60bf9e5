import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src/main/server/index.js';
import type { ServerMessage } from '../../../src/shared/api.js';
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

async function cookie(): Promise<string> {
  const first = await get(`/?token=${server.token}`);
  return String(first.headers['set-cookie']).split(';')[0]!;
}

function socket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { headers: { host: `127.0.0.1:${server.port}`, ...headers } });
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
  it('prints exactly http://127.0.0.1:PORT/?token=TOKEN', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a request without the token, with a wrong one, or with a foreign Host', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=nope')).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get('/', { host: 'evil.example', cookie: await cookie() })).status).toBe(403);
  });

  it('trades the token for a strict cookie and a redirect that drops it, then serves the app with a CSP', async () => {
    const first = await get(`/?token=${server.token}`, { host: `localhost:${server.port}` });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get('/', { cookie: await cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Procpool</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await get('/assets/app-1.js', { cookie: await cookie() })).headers['content-type']).toContain('javascript');
  });

  it('serves nothing outside its folder', async () => {
    const c = await cookie();
    expect((await get('/../secret.txt', { cookie: c })).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt', { cookie: c })).status).toBe(404);
    expect((await get('/link.txt', { cookie: c })).status).toBe(404);
  });

  it('refuses a WebSocket from a foreign Origin, without the token, or to a foreign Host', async () => {
    const c = await cookie();
    await expect(socket({ cookie: c, origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(socket({ origin: `http://127.0.0.1:${server.port}` })).rejects.toThrow(/403/);
    await expect(socket({ cookie: c, origin: `http://127.0.0.1:${server.port}`, host: `evil.example:${server.port}` })).rejects.toThrow(/403/);
  });

  it('answers commands, checks their arguments, carries errors by name, and streams events', async () => {
    const ws = await socket({ cookie: await cookie(), origin: `http://localhost:${server.port}` });
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
