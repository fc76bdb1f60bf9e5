/**
 * One browser tab's API connection: ClientMessages in (each checked against the wire schema,
 * then against its command's argument schema), answers and the event stream out. Events are
 * coalesced per connection and flushed on a short timer, and held back while the socket's
 * send buffer is full, so a slow tab never makes the server buffer without bound.
 */
import type { WebSocket } from 'ws';
import { clientMessageSchema, type CoreService, type EventName, type ServerMessage } from '../../shared/api.js';
import { callCommand } from '../../shared/call-command.js';
import { toWireError } from '../../shared/error-wire.js';
import { EventCoalescer } from '../../shared/event-coalescer.js';

const events: EventName[] = ['jobs', 'workers', 'settings', 'sharedState'];
const flushMs = 50;
const highWaterBytes = 1 << 20;

export function serveApiSocket(socket: WebSocket, service: CoreService): void {
  const held = new EventCoalescer();
  let timer: NodeJS.Timeout | undefined;

  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
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

  socket.on('message', (data, isBinary) => {
    void answer(isBinary ? '' : data.toString()).then(send);
  });
  socket.on('close', () => {
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
