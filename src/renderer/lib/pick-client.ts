/** Electron when the preload put its bridge on the window, browser mode otherwise. */
import type { ProcpoolBridge } from '../../shared/bridge.js';
import type { CoreClient } from './core-client.js';
import { createIpcClient } from './ipc-client.js';
import { pageToken } from './page-token.js';
import { createWsClient } from './ws-client.js';

export function pickClient(): CoreClient {
  const bridge = (window as unknown as { procpool?: ProcpoolBridge }).procpool;
  return bridge ? createIpcClient(bridge) : createWsClient(pageToken());
}
