/**
 * Browser mode: the built renderer and the API over one WebSocket (`/api`), on 127.0.0.1
 * only. Every request must pass the access guard (Host, token, and Origin for the
 * WebSocket); the first visit trades the token in the URL for a cookie and a redirect that
 * drops it from the address bar and history.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CoreService } from '../../shared/api.js';
import { contentSecurityPolicy } from '../../shared/csp.js';
import { allowedOrigins, checkAccess, originAllowed, tokenCookie } from './access-guard.js';
import { serveApiSocket } from './api-socket.js';
import { defaultStaticDir, readStatic } from './static-files.js';

export interface ServerOptions {
  service: CoreService;
  /** 0 or none: a free port. */
  port?: number;
  /** The built renderer; default dist/renderer. */
  staticDir?: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: the one URL to open. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const apiPath = '/api';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(24).toString('base64url');
  const staticDir = options.staticDir ?? defaultStaticDir();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  sockets.on('connection', (socket) => serveApiSocket(socket, options.service));
  let port = 0;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) plain(response, 500, `internal error: ${(error as Error).message}`);
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkAccess({ host: request.headers.host, cookie: request.headers.cookie, url: request.url ?? '/' }, port, token);
    if (!verdict.ok) return plain(response, 403, `403 Forbidden: ${verdict.reason}\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'only GET\n');
    if (verdict.via === 'query') {
      response.writeHead(302, { location: verdict.location, 'set-cookie': tokenCookie(port, token), 'cache-control': 'no-store', ...securityHeaders(port) });
      return void response.end();
    }
    const file = await readStatic(staticDir, new URL(request.url ?? '/', 'http://x').pathname);
    if (!file) return plain(response, 404, 'not found\n');
    response.writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.length,
      'cache-control': file.immutable ? 'max-age=31536000, immutable' : 'no-cache',
      ...securityHeaders(port),
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkAccess({ host: request.headers.host, cookie: request.headers.cookie, url: request.url ?? '/' }, port, token);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const refusal = !verdict.ok
      ? verdict.reason
      : !originAllowed(request.headers.origin, port)
        ? `Origin ${request.headers.origin ?? '(none)'} is not this server`
        : path !== apiPath
          ? 'no such endpoint'
          : undefined;
    if (refusal) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n403 Forbidden: ${refusal}\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(allowedOrigins(port).map((origin) => origin.replace('http:', 'ws:'))),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(text);
}
