/**
 * The preload: puts `window.procpool` on the page through contextBridge: one named function
 * per API command, `on(event, listener)` that hands the listener the payload only (never the
 * Electron event), and the folder picker. Nothing raw (ipcRenderer, process) reaches the page.
 * Bundled to one CommonJS file (sandboxed preloads cannot import).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { EventName } from '../shared/api.js';
import { commandNames, eventNames, ipcChannel, type ProcpoolBridge } from '../shared/bridge.js';

const commands = Object.fromEntries(commandNames.map((command) => [command, (...args: unknown[]) => ipcRenderer.invoke(ipcChannel.command(command), ...args)]));

const bridge = {
  ...commands,
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!(eventNames as readonly string[]).includes(event)) throw new TypeError(`no such event: ${String(event)}`);
    const channel = ipcChannel.event(event);
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => void ipcRenderer.removeListener(channel, handler);
  },
  pickFolder: (title: string) => ipcRenderer.invoke(ipcChannel.pickFolder, String(title)),
} as unknown as ProcpoolBridge;

contextBridge.exposeInMainWorld('procpool', bridge);
