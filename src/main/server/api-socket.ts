/**
 * One browser tab's API connection: ClientMessages in (each checked against the wire schema,
 * then against its command's argument schema), answers and the event stream out. Events are
 * coalesced per connection and flushed on a short timer, and held back while the socket's
 * send buffer is full. A client is never buffered for without bound: only so many of its
 * commands are answered at once (the rest wait unread, in TCP), and one that lets more than
 * `maxBufferedBytes` of answers pile up unread is dropped.
 */
import type { WebSocket } from 'ws';
import { clientMessageSchema, type CoreService, type EventName, type ServerMessage } from '../../shared/api.js';
import { eventNames } from '../../shared/bridge.js';
import { callCommand } from '../../shared/call-command.js';
import { toWireError } from '../../shared/error-wire.js';
import { EventCoalescer } from '../../shared/event-coalescer.js';

// Every event of the API, as the Electron window gets them: a list of its own here left out jobsDeleted.
const events: readonly EventName[] = eventNames;
const flushMs = 50;
const highWaterBytes = 1 << 20;
/** Unsent bytes past which a client counts as not reading: far above what a tab that reads ever leaves. */
export const maxBufferedBytes = 32 << 20;
/** Commands of one connection being answered at once. */
export const maxInFlight = 8;

export function serveApiSocket(socket: WebSocket, service: CoreService): void {
  const held = new EventCoalescer();
  const waiting: string[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;

  const send = (message: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(message));
    if (socket.bufferedAmount > maxBufferedBytes) socket.terminate();
  };
  const flush = (): void => {
    timer = undefined;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > highWaterBytes) {
      timer = setTimeout(flush, flushMs);
      return;
    }
    for (const message of held.drain()) send(message);
  };
  const unsubscribe = events.map((event) =>
    service.on(event, (payload) => {
      held.push(event, payload);
      timer ??= setTimeout(flush, flushMs);
    }),
  );

  /** Answers what waits, up to the limit; reads more from the client only once nothing waits. */
  const next = (): void => {
    while (inFlight < maxInFlight && waiting.length > 0) {
      inFlight++;
      void answer(waiting.shift()!).then((reply) => {
        inFlight--;
        send(reply);
        next();
      });
    }
    if (waiting.length > 0) socket.pause();
    else if (socket.isPaused) socket.resume();
  };

  socket.on('message', (data, isBinary) => {
    waiting.push(isBinary ? '' : data.toString());
    next();
  });
  // A malformed frame (bad UTF-8, no mask, a reserved opcode or bit, a bad close code, too
  // long): ws has already closed this connection with the matching code. Unheard, the error
  // would end the whole server.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    waiting.length = 0;
    for (const off of unsubscribe) off();
    if (timer) clearTimeout(timer);
  });

  async function answer(text: string): Promise<ServerMessage> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return refuse(-1, 'a message must be JSON text');
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      return refuse(id, `not a command message: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const { id, command, args } = parsed.data;
    try {
      return { id, ok: true, value: (await callCommand(service, command, args)) ?? null };
    } catch (error) {
      return { id, ok: false, error: toWireError(error) };
    }
  }
}

function refuse(id: number, message: string): ServerMessage {
  return { id, ok: false, error: toWireError(new TypeError(message)) };
}
