/** Browser mode (`procpool serve`): the app and its API on 127.0.0.1. */
export { startServer, type ServerOptions, type RunningServer } from './start-server.js';
