import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { maxBufferedBytes, maxInFlight } from '../../../src/main/server/api-socket.js';
import { startServer, type RunningServer } from '../../../src/main/server/index.js';
import type { JobResultsPage } from '../../../src/shared/api.js';
import { apiProtocol, tokenProtocol } from '../../../src/shared/browser-access.js';
import { stubCoreService } from '../../fixtures/stub-core-service.js';
import { until } from '../../helpers.js';

const pageBytes = 256 << 10;
const requests = 200; // 50 MiB of replies in all, well past the bound

let server: RunningServer;
let root: string;
/** jobResults calls under way now, and the most there ever were. */
let active = 0;
let peakActive = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'procpool-unread-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Procpool</title>');
  const service = stubCoreService();
  const page: JobResultsPage = { items: [{ seq: 0, input: '0', state: 'done', result: JSON.stringify('x'.repeat(pageBytes)) }], nextSeq: 1, total: 2 };
  service.jobResults = async () => {
    peakActive = Math.max(peakActive, ++active);
    await new Promise((resolve) => setImmediate(resolve));
    active--;
    return page;
  };
  server = await startServer({ service, staticDir: root });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** Watches the server's side of every connection: the most it ever held unsent, and whether it is closed. */
function watchServerSockets(client: WebSocket): { peak: () => number; closed: () => boolean; restore: () => void } {
  const send = WebSocket.prototype.send;
  const seen = new Set<WebSocket>();
  let peak = 0;
  WebSocket.prototype.send = function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
    send.apply(this, args);
    if (this !== client) {
      seen.add(this);
      peak = Math.max(peak, this.bufferedAmount);
    }
  } as WebSocket['send'];
  return {
    peak: () => peak,
    closed: () => seen.size > 0 && [...seen].every((ws) => ws.readyState === WebSocket.CLOSED),
    restore: () => void (WebSocket.prototype.send = send),
  };
}

describe('a client that never reads its replies', () => {
  it('is closed once the server holds a bounded amount for it, and the server holds no more', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/api`, [apiProtocol, tokenProtocol(server.token)], { headers: { origin: `http://127.0.0.1:${server.port}` } });
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    const watch = watchServerSockets(client);
    try {
      client.pause(); // reads nothing more: the replies pile up on the server's side
      let received = 0;
      client.on('message', () => received++);
      const clientClosed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      for (let id = 1; id <= requests; id++) client.send(JSON.stringify({ id, command: 'jobResults', args: [1, 0, 100] }));
      await until(watch.closed, 10_000, 'the server to close the connection');
      expect(watch.peak()).toBeLessThanOrEqual(maxBufferedBytes + 2 * pageBytes);
      client.resume();
      await clientClosed;
      expect(received).toBeLessThan(requests);
    } finally {
      watch.restore();
      client.terminate();
    }
  });

  it('has only a few of its commands answered at once: the rest wait unread, so their answers are never all held at once', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/api`, [apiProtocol, tokenProtocol(server.token)], { headers: { origin: `http://127.0.0.1:${server.port}` } });
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    try {
      peakActive = 0;
      const all = 50;
      let received = 0;
      const done = new Promise<void>((resolve) => client.on('message', () => ++received === all && resolve()));
      for (let id = 1; id <= all; id++) client.send(JSON.stringify({ id, command: 'jobResults', args: [1, 0, 1] }));
      await done;
      expect(peakActive).toBeGreaterThan(0);
      expect(peakActive).toBeLessThanOrEqual(maxInFlight);
    } finally {
      client.terminate();
    }
  });
});
