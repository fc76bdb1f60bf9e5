/**
 * A WebSocket client written by hand over a TCP socket: a valid upgrade to browser mode's
 * API, then whatever bytes a test wants, well-formed or not.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { RunningServer } from '../../../src/main/server/index.js';
import { apiProtocol, tokenProtocol } from '../../../src/shared/browser-access.js';

/** Opens /api with the token and our Origin; resolves with the socket once the server said 101. */
export function rawUpgrade(server: RunningServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const host = `127.0.0.1:${server.port}`;
    let head = '';
    socket.once('connect', () =>
      socket.write(
        [
          'GET /api HTTP/1.1',
          `Host: ${host}`,
          `Origin: http://${host}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Sec-WebSocket-Protocol: ${apiProtocol}, ${tokenProtocol(server.token)}`,
          '',
          '',
        ].join('\r\n'),
      ),
    );
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** One frame as a client sends it: masked unless told otherwise. */
export function frame(firstByte: number, payload: Buffer, options: { masked?: boolean; declaredLength?: number } = {}): Buffer {
  const masked = options.masked ?? true;
  const length = options.declaredLength ?? payload.length;
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([firstByte, maskBit | length]);
  else if (length < 65536) header = Buffer.from([firstByte, maskBit | 126, length >> 8, length & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = firstByte;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}
