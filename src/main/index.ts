/**
 * procpool: the parent side of the library. Everything here runs under plain Node.
 */
export { Process, type ProcessOptions } from './pool/process.js';
export { Pool, type PoolOptions, type MapOptions } from './pool/pool.js';
export { AsyncResult } from './pool/async-result.js';
export { ImapIterator } from './pool/imap-iterator.js';
export type { WorkerInfo, WorkerState } from './pool/pool-worker.js';
export type { PoolEvents } from './pool/pool-events.js';
export type { TaskOptions } from './pool/task.js';
export type { TaskRef, TaskFunction } from './pool/task-ref.js';
export {
  TimeoutError,
  PoolStateError,
  ProcessStateError,
  WorkerExitedError,
  AbortError,
  QueueFullError,
  QueueEmptyError,
  ValueError,
  EOFError,
  BrokenBarrierError,
  JobInputError,
  StoreOpenError,
} from '../shared/errors.js';
export {
  Manager,
  ManagerStateError,
  DictProxy,
  ListProxy,
  NamespaceProxy,
  ValueProxy,
  QueueProxy,
  JoinableQueueProxy,
  type ManagerOptions,
  type DictInit,
  type DictKey,
  type QueueWaitOptions,
  type SharedObjectInfo,
} from './state/index.js';
export {
  Queue,
  JoinableQueue,
  Pipe,
  Connection,
  Lock,
  RLock,
  Semaphore,
  BoundedSemaphore,
  Event,
  Condition,
  Barrier,
  Value,
  SharedArray,
  RawValue,
  RawArray,
  type BarrierOptions,
  type ValueOptions,
  type WaitOptions,
  type Typecode,
  type TypecodeValue,
  type TypecodeInput,
} from './sync/index.js';
