/** CoreClient over the Electron preload's bridge: unwraps each envelope, rebuilding errors. */
import type { CommandName, CoreApi } from '../../shared/api.js';
import { commandNames, type Envelope, type ProcpoolBridge } from '../../shared/bridge.js';
import { fromWireError } from '../../shared/error-wire.js';
import type { CoreClient } from './core-client.js';

export function createIpcClient(bridge: ProcpoolBridge): CoreClient {
  const api = Object.fromEntries(
    commandNames.map((command: CommandName) => [
      command,
      async (...args: unknown[]) => {
        const envelope = await (bridge[command] as (...a: unknown[]) => Promise<Envelope<unknown>>)(...args);
        if (envelope.ok) return envelope.value;
        throw fromWireError(envelope.error);
      },
    ]),
  ) as unknown as CoreApi;
  return {
    ...api,
    transport: 'electron',
    on: (event, listener) => bridge.on(event, listener),
    // The IPC channel lives as long as the window: it is open from the start.
    onConnection(listener) {
      listener('open');
      return () => undefined;
    },
    pickFolder: (title) => bridge.pickFolder(title),
  };
}
