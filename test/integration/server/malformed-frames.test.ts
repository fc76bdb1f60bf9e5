import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src/main/server/index.js';
import { apiProtocol, tokenProtocol } from '../../../src/shared/browser-access.js';
import { stubCoreService } from '../../fixtures/stub-core-service.js';
import { frame, rawUpgrade } from './raw-socket.js';

let server: RunningServer;
let root: string;
/** What escaped to the process: in `procpool serve` each of these ended the server and its workers. */
const uncaught: Error[] = [];
const record = (error: Error): void => void uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', record);
  root = mkdtempSync(join(tmpdir(), 'procpool-frames-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Procpool</title>');
  server = await startServer({ service: stubCoreService(), staticDir: root });
});
afterAll(async () => {
  process.off('uncaughtException', record);
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A well-behaved client's round trip: the server is still there and still answers. */
async function stillAnswers(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, [apiProtocol, tokenProtocol(server.token)], { headers: { origin: `http://127.0.0.1:${server.port}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
  ws.send(JSON.stringify({ id: 1, command: 'getSettings', args: [] }));
  expect(JSON.parse(await reply)).toMatchObject({ id: 1, ok: true });
  ws.close();
}

const closeCode = (code: number): Buffer => Buffer.from([code >> 8, code & 0xff]);

// Each a protocol error the server must answer by dropping that one client.
const cases: Array<[string, Buffer]> = [
  ['invalid UTF-8 in a text frame', frame(0x81, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
  ['an unmasked client frame', frame(0x81, Buffer.from('{}'), { masked: false })],
  ['a reserved opcode', frame(0x83, Buffer.from('{}'))],
  ['RSV bits set without an extension', frame(0xf1, Buffer.from('{}'))],
  ['close code 999', frame(0x88, closeCode(999))],
  ['a frame over the size limit', frame(0x82, Buffer.alloc(0), { declaredLength: 2 << 20 })],
];

describe('a malformed WebSocket frame', () => {
  it.each(cases)('%s drops that client alone; the server answers the next one', async (_name, bytes) => {
    const socket = await rawUpgrade(server);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.resume();
    socket.write(bytes);
    await closed;
    await stillAnswers();
    expect(uncaught.map((error) => error.message)).toEqual([]);
  });
});
