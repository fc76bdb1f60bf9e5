/**
 * The IPC side of the app: one handler per command, each checking the sender frame first and
 * the arguments against the command's schema second (callCommand), answering with an
 * envelope so errors keep their name. Events go to the window coalesced, like browser mode.
 */
import { dialog, ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { CoreService, EventName } from '../../shared/api.js';
import { commandNames, eventNames, ipcChannel, type Envelope } from '../../shared/bridge.js';
import { callCommand } from '../../shared/call-command.js';
import { toWireError } from '../../shared/error-wire.js';
import { EventCoalescer } from '../../shared/event-coalescer.js';
import { isTrustedSender } from './trusted-sender.js';

const flushMs = 50;

export function wireIpc(service: CoreService, window: BrowserWindow, appUrl: string): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    isTrustedSender(
      { webContentsId: event.sender.id, frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame },
      { webContentsId: window.webContents.id, appUrl },
    );
  const refused = (): Envelope<never> => ({ ok: false, error: { name: 'Error', message: 'refused: this frame may not use the Procpool API' } });

  for (const command of commandNames) {
    ipcMain.handle(ipcChannel.command(command), async (event, ...args: unknown[]): Promise<Envelope<unknown>> => {
      if (!trusted(event)) return refused();
      try {
        const value = await callCommand(service, command, args);
        if (command === 'revealDestination') shell.showItemInFolder((value as { path: string }).path);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toWireError(error) };
      }
    });
  }
  ipcMain.handle(ipcChannel.pickFolder, async (event, title: unknown): Promise<string | null> => {
    if (!trusted(event)) return null;
    const result = await dialog.showOpenDialog(window, { title: typeof title === 'string' ? title.slice(0, 200) : 'Choose a folder', properties: ['openDirectory', 'createDirectory'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  const held = new EventCoalescer();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    if (window.isDestroyed()) return;
    for (const message of held.drain()) if ('event' in message) window.webContents.send(ipcChannel.event(message.event), message.payload);
  };
  const offs = eventNames.map((name: EventName) =>
    service.on(name, (payload) => {
      held.push(name, payload);
      timer ??= setTimeout(flush, flushMs);
    }),
  );

  return () => {
    for (const off of offs) off();
    if (timer) clearTimeout(timer);
    for (const command of commandNames) ipcMain.removeHandler(ipcChannel.command(command));
    ipcMain.removeHandler(ipcChannel.pickFolder);
  };
}
