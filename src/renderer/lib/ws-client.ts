/**
 * CoreClient over browser mode's WebSocket (`/api` on the page's own host), the page's token
 * offered as a subprotocol. Reconnects with backoff when the server restarts; calls made
 * while disconnected wait for the connection, and calls lost with a connection fail. Without
 * a token that works it shows 'refused' and waits for the address the server printed to be
 * opened in this tab.
 */
import { apiPath, apiProtocol, tokenProtocol } from '../../shared/browser-access.js';
import { commandArgs, type CommandName, type CoreApi, type ServerMessage } from '../../shared/api.js';
import { fromWireError } from '../../shared/error-wire.js';
import type { ConnectionState, CoreClient } from './core-client.js';
import { accessRefused } from './access-refused.js';
import { Listeners } from './listeners.js';
import type { PageToken } from './page-token.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function createWsClient(token: PageToken, url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${apiPath}`): CoreClient {
  const listeners = new Listeners();
  const connection = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  let socket: WebSocket | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  let delay = 250;
  /** Refused once: retries go on (the server may come back with this token), the state stays 'refused'. */
  let refused = false;

  let shown: ConnectionState = 'connecting';
  const setState = (state: ConnectionState): void => {
    shown = refused && state !== 'open' ? 'refused' : state;
    for (const listener of connection) listener(shown);
  };

  const connect = (): void => {
    retry = undefined;
    const held = token.current();
    if (!held) {
      refused = true;
      return setState('closed');
    }
    setState('connecting');
    const ws = new WebSocket(url, [apiProtocol, tokenProtocol(held)]);
    socket = ws;
    ws.onopen = () => {
      delay = 250;
      refused = false;
      for (const text of outbox.splice(0)) ws.send(text);
      setState('open');
    };
    ws.onmessage = (event: MessageEvent<string>) => receive(JSON.parse(event.data) as ServerMessage);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      for (const [id, call] of pending) {
        call.reject(new Error('the connection to Procpool closed before it answered; try again'));
        pending.delete(id);
      }
      setState('closed');
      void accessRefused(held).then((yes) => {
        if (yes && !refused && socket?.readyState !== WebSocket.OPEN) {
          refused = true;
          setState('closed');
        }
      });
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };

  // The printed address opened again in this tab: try its token now.
  token.onNewToken(() => {
    if (socket?.readyState === WebSocket.OPEN || socket?.readyState === WebSocket.CONNECTING) return;
    clearTimeout(retry);
    delay = 250;
    connect();
  });

  const receive = (message: ServerMessage): void => {
    if ('event' in message) return listeners.emit(message.event, message.payload);
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.value ?? undefined);
    else call.reject(fromWireError(message.error));
  };

  const call = (command: CommandName, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const text = JSON.stringify({ id, command, args });
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    });

  const api = Object.fromEntries(
    (Object.keys(commandArgs) as CommandName[]).map((command) => [command, (...args: unknown[]) => call(command, args)]),
  ) as unknown as CoreApi;

  connect();
  return {
    ...api,
    transport: 'websocket',
    on: (event, listener) => listeners.on(event, listener),
    onConnection(listener) {
      connection.add(listener);
      // A page without a token is refused before anyone listens.
      listener(shown);
      return () => void connection.delete(listener);
    },
    pickFolder: undefined,
  };
}
