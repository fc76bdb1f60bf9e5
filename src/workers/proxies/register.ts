/**
 * Registers the worker-side proxies of the synchronisation primitives (main/sync) and of the
 * manager objects whose entries can come on lease (main/state), by kind. Imported once by
 * the worker runtime.
 */
import { ManagerKind } from '../../shared/manager-wire.js';
import { SyncKind } from '../../shared/sync-wire.js';
import { proxyClasses } from '../remote-proxy.js';
import { BarrierProxy } from './barrier-proxy.js';
import { ConditionProxy } from './condition-proxy.js';
import { ConnectionProxy } from './connection-proxy.js';
import { EventProxy } from './event-proxy.js';
import { LockProxy } from './lock-proxy.js';
import { managerDictProxy, managerNamespaceProxy, managerValueProxy } from './manager-proxies.js';
import { JoinableQueueProxy, QueueProxy } from './queue-proxy.js';
import { SemaphoreProxy } from './plain-lock-proxy.js';
import { SharedArrayProxy, ValueProxy } from './value-proxy.js';

proxyClasses.set(SyncKind.Queue, (ref, call) => new QueueProxy(ref, call));
proxyClasses.set(SyncKind.JoinableQueue, (ref, call) => new JoinableQueueProxy(ref, call));
proxyClasses.set(SyncKind.Connection, (ref, call) => new ConnectionProxy(ref, call));
proxyClasses.set(SyncKind.Lock, (ref, call) => new LockProxy(ref, call, false, 'Lock'));
proxyClasses.set(SyncKind.RLock, (ref, call) => new LockProxy(ref, call, true, 'RLock'));
proxyClasses.set(SyncKind.Semaphore, (ref, call) => new SemaphoreProxy(ref, call));
proxyClasses.set(SyncKind.BoundedSemaphore, (ref, call) => new SemaphoreProxy(ref, call));
proxyClasses.set(SyncKind.Event, (ref, call) => new EventProxy(ref, call));
proxyClasses.set(SyncKind.Condition, (ref, call) => new ConditionProxy(ref, call));
proxyClasses.set(SyncKind.Barrier, (ref, call) => new BarrierProxy(ref, call));
proxyClasses.set(SyncKind.Value, (ref, call) => new ValueProxy(ref, call));
proxyClasses.set(SyncKind.SharedArray, (ref, call) => new SharedArrayProxy(ref, call));
proxyClasses.set(ManagerKind.Dict, managerDictProxy);
proxyClasses.set(ManagerKind.Namespace, managerNamespaceProxy);
proxyClasses.set(ManagerKind.Value, managerValueProxy);
