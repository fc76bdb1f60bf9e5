/**
 * What the Electron preload puts on `window.procpool`: one function per command (answering
 * with an envelope, because an Error crossing contextBridge loses its name and fields),
 * `on(event, listener)` without the Electron event, and the native folder picker.
 */
import type * as z from 'zod/mini';
import type { ApiEvents, CommandName, CommandResults, commandArgs, EventName } from './api.js';
import type { WireError } from './error-wire.js';

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

export type ProcpoolBridge = {
  [C in CommandName]: (...args: z.input<(typeof commandArgs)[C]>) => Promise<Envelope<CommandResults[C]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  pickFolder(title: string): Promise<string | null>;
};

/** Every command, as a plain list (the preload bundles no schema library). */
export const commandNames = [
  'listJobs',
  'getJob',
  'validateJob',
  'submitJob',
  'cancelJob',
  'pauseJob',
  'resumeJob',
  'retryFailed',
  'revealDestination',
  'deleteJob',
  'deleteJobs',
  'runAgain',
  'jobResults',
  'listWorkers',
  'terminateWorker',
  'killWorker',
  'getSettings',
  'updateSettings',
  'sharedState',
] as const satisfies readonly CommandName[];

// Fails to compile when a command is added to api.ts but not to the list above.
type Missing = Exclude<CommandName, (typeof commandNames)[number]>;
export const everyCommandListed: Missing extends never ? true : never = true;

export const eventNames = ['jobs', 'jobsDeleted', 'workers', 'settings', 'sharedState'] as const satisfies readonly EventName[];

export const ipcChannel = {
  command: (command: CommandName): string => `procpool:command:${command}`,
  event: (event: EventName): string => `procpool:event:${event}`,
  pickFolder: 'procpool:pick-folder',
} as const;
