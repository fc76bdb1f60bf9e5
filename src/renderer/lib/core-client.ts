/**
 * The one interface the views talk to. Two implementations, chosen at start: Electron IPC
 * (the preload's `window.procpool`) and WebSocket (browser mode). Both return plain data and
 * rebuild errors by name, so a view never knows which one it has.
 */
import type { CoreApi, CoreEvents } from '../../shared/api.js';

/** 'refused': the server does not take this page's token (it has none, or the server was restarted). */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

export interface CoreClient extends CoreApi, CoreEvents {
  readonly transport: 'electron' | 'websocket';
  /** Called with each change of the connection; a new 'open' means: fetch everything again. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** A native folder dialog where there is one (Electron); undefined in a browser. */
  readonly pickFolder: ((title: string) => Promise<string | null>) | undefined;
}
