/** main/state: the SQLite store other layers keep their state in, and the Manager. */
export { Store } from './store.js';
export { openStore, MEMORY, type StoreOptions } from './open-store.js';
export { migrate, schemaVersion, type Migration } from './migration.js';
export { migrations } from './migrations/index.js';
export { StoreOpenError, ManagerStateError } from './errors.js';
export { Manager, type ManagerOptions } from './manager.js';
export { DictProxy, type DictInit } from './dict-proxy.js';
export type { DictKey } from './codec.js';
export { ListProxy } from './list-proxy.js';
export { NamespaceProxy } from './namespace-proxy.js';
export { ValueProxy } from './value-proxy.js';
export { QueueProxy, type QueueWaitOptions } from './queue-proxy.js';
export { JoinableQueueProxy } from './joinable-queue-proxy.js';
export type { SharedObjectInfo } from './snapshot.js';
export { SharedStateView } from './shared-state-view.js';
