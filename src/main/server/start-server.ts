/**
 * Browser mode: the built renderer and the API over one WebSocket (`/api`), on 127.0.0.1
 * only. Every request must pass the access guard: the app's files need our Host only, the
 * API needs the token too (and our Origin, for the WebSocket). The token travels in the
 * URL's fragment, which no browser sends to a server; the page keeps it (page-token.ts).
 * The port is bound before there is a service to serve, so a busy port costs nothing.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CoreService } from '../../shared/api.js';
import { apiProtocol } from '../../shared/browser-access.js';
import { contentSecurityPolicy } from '../../shared/csp.js';
import { allowedOrigins, checkHttp, pageUrl, socketRefusal } from './access-guard.js';
import { serveApiSocket } from './api-socket.js';
import { PortUnavailableError } from './errors.js';
import { defaultStaticDir, readStatic } from './static-files.js';

export interface ListenOptions {
  /** 0 or none: a free port. */
  port?: number;
  /** The built renderer; default dist/renderer. */
  staticDir?: string;
}

export interface ServerOptions extends ListenOptions {
  service: CoreService;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT/#token=TOKEN`: the one URL to open. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface ListeningServer extends RunningServer {
  /** Answers the API with `service` from now on (until then, 503). */
  serve(service: CoreService): void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = await listenServer(options);
  server.serve(options.service);
  return server;
}

/** Binds the port (a busy one throws PortUnavailableError) and serves the app's files. */
export async function listenServer(options: ListenOptions): Promise<ListeningServer> {
  const token = randomBytes(24).toString('base64url');
  const staticDir = options.staticDir ?? defaultStaticDir();
  let service: CoreService | undefined;
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 1 << 20,
    // Answer with the app's protocol, never with the one that carries the token.
    handleProtocols: (offered) => (offered.has(apiProtocol) ? apiProtocol : false),
  });
  sockets.on('connection', (socket) => serveApiSocket(socket, service!));
  let port = 0;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) plain(response, 500, `internal error: ${(error as Error).message}`);
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkHttp({ host: request.headers.host, authorization: request.headers.authorization, url: request.url ?? '/' }, port, token);
    if (verdict.kind === 'refuse') return plain(response, 403, `403 Forbidden: ${verdict.reason}\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'only GET\n');
    if (verdict.kind === 'redirect') {
      response.writeHead(302, { location: verdict.location, 'cache-control': 'no-store', ...securityHeaders(port) });
      return void response.end();
    }
    // The page asks here whether its token is still good (a restarted server has a new one).
    if (verdict.kind === 'api') return service ? void response.writeHead(204, { 'cache-control': 'no-store' }).end() : plain(response, 503, 'starting\n');
    const file = await readStatic(staticDir, verdict.path);
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
    // A client that resets mid-handshake must not take the server with it.
    socket.on('error', () => socket.destroy());
    const { host, origin } = request.headers;
    const refusal = socketRefusal({ host, origin, protocols: request.headers['sec-websocket-protocol'], url: request.url ?? '/' }, port, token);
    if (refusal) return refuse(socket, '403 Forbidden', refusal);
    if (!service) return refuse(socket, '503 Service Unavailable', 'starting');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  const wanted = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortUnavailableError(wanted, error) : error);
    server.once('error', failed);
    server.listen(wanted, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;

  return {
    url: pageUrl(port, token),
    port,
    token,
    serve(given) {
      service = given;
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(socket: Duplex, status: string, reason: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${status}: ${reason}\n`);
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
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  response.end(text);
}
