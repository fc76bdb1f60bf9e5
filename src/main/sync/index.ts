/** The synchronisation primitives and shared values of CONTRACT.md, parent side. */
export { Queue } from './queue.js';
export { JoinableQueue } from './joinable-queue.js';
export { Pipe } from './pipe.js';
export { Connection } from './connection.js';
export { Lock } from './lock.js';
export { RLock } from './rlock.js';
export { Semaphore } from './semaphore.js';
export { BoundedSemaphore } from './bounded-semaphore.js';
export { Event } from './event.js';
export { Condition } from './condition.js';
export { Barrier, type BarrierOptions } from './barrier.js';
export { Value, type ValueOptions } from './value.js';
export { SharedArray } from './shared-array.js';
export { RawValue } from './raw-value.js';
export { RawArray } from './raw-array.js';
export type { WaitOptions } from '../../shared/sync-wire.js';
export type { Typecode, TypecodeValue, TypecodeInput } from '../../shared/typecodes.js';
