/**
 * CoreClient over browser mode's WebSocket (`/api` on the page's own host; the token cookie
 * goes with it). Reconnects with backoff when the server restarts; calls made while
 * disconnected wait for the connection, and calls lost with a connection fail.
 */
import { commandArgs, type CommandName, type CoreApi, type ServerMessage } from '../../shared/api.js';
import { fromWireError } from '../../shared/error-wire.js';
import type { ConnectionState, CoreClient } from './core-client.js';
import { accessRefused } from './access-refused.js';
import { Listeners } from './listeners.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export function createWsClient(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`): CoreClient {
  const listeners = new Listeners();
  const connection = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  let socket: WebSocket | undefined;
  let nextId = 1;
  let delay = 250;
  /** Refused once: retries go on (the right URL opened in another tab fixes it), the state stays 'refused'. */
  let refused = false;

  const setState = (state: ConnectionState): void => {
    const shown = refused && state !== 'open' ? 'refused' : state;
    for (const listener of connection) listener(shown);
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delay = 250;
      refused = false;
      for (const text of outbox.splice(0)) ws.send(text);
      setState('open');
    };
    ws.onmessage = (event: MessageEvent<string>) => receive(JSON.parse(event.data) as ServerMessage);
    ws.onclose = () => {
      socket = undefined;
      for (const [id, call] of pending) {
        call.reject(new Error('the connection to Procpool closed before it answered; try again'));
        pending.delete(id);
      }
      setState('closed');
      void accessRefused().then((yes) => {
        if (yes && !refused && socket?.readyState !== WebSocket.OPEN) {
          refused = true;
          setState('closed');
        }
      });
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };

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
      return () => void connection.delete(listener);
    },
    pickFolder: undefined,
  };
}
