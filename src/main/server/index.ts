/** Browser mode (`procpool serve`): the app and its API on 127.0.0.1. */
export { listenServer, startServer, type ListeningServer, type ListenOptions, type ServerOptions, type RunningServer } from './start-server.js';
export { PortUnavailableError } from './errors.js';
export { openInBrowser } from './open-browser.js';
