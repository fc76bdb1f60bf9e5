/**
 * The entry of every worker process. A pool worker runs the tasks it is sent one at a time,
 * in order; a Process runs its one target, then ends as a Node program does once nothing is
 * left to do (0, 1 on an uncaught error). Either way it leaves, with what it started, when its
 * parent does.
 */
import { fromWireError, toWireError } from '../shared/error-wire.js';
import { AbortError, TimeoutError } from '../shared/errors.js';
import { isParentBatch, type ParentMessage, type WireTask, type WorkerInit } from '../shared/worker-protocol.js';
import { workerContext } from './context.js';
import { Outbox } from './outbox.js';
import { endGroupWhenKilled } from './group-reaper.js';
import { releaseChannel } from './channel-hold.js';
import { endWithParent, exitWhenOrphaned } from './parent-watchdog.js';
import { decode, settleRemoteCall } from './remote-proxy.js';
import './proxies/register.js';
import { runTask } from './task-runner.js';
import { loadTask, preloadModule } from './task-loader.js';
import { waitForChildren } from '../shared/live-children.js';

if (!process.send) {
  process.stderr.write('procpool worker runtime: start it through Pool or Process, not directly\n');
  process.exit(2);
}
// The parent died before we were told to die with it: nobody is left to work for.
if (process.env.PROCPOOL_PARENT_PID && process.ppid !== Number(process.env.PROCPOOL_PARENT_PID)) process.exit(0);

const outbox = new Outbox();
const context = workerContext();
context.send = (message, urgency) => outbox.push(message, urgency);

const queue: WireTask[] = [];
let init: WorkerInit | undefined;
let draining = false;

process.on('message', (batch: unknown) => {
  if (!isParentBatch(batch)) return;
  for (const message of batch) handle(message);
  // After the whole batch is queued, so that its results leave together.
  if (!draining && init && queue.length > 0) void drain();
});
// The parent is gone: nothing more will come, so leave, and end what we started with us.
process.on('disconnect', endWithParent);
// A task that calls process.exit() leaves held puts and lease write-backs behind: out with
// them now. The IPC write is attempted at once, so messages up to ~100 KB still arrive.
process.on('exit', () => outbox.flush());

function handle(message: ParentMessage): void {
  switch (message.t) {
    case 'init':
      void start(message);
      break;
    case 'run':
      queue.push(message.task);
      break;
    case 'cancel':
      cancel(message.id, message.reason);
      break;
    case 'take-back':
      takeBack(message.ids);
      break;
    case 'reply':
      settleRemoteCall(message);
      break;
    case 'exit':
      outbox.flush(() => process.exit(0));
      break;
  }
}

async function start(message: WorkerInit): Promise<void> {
  context.name = message.name;
  // Before any task runs: a task that never yields would keep a later start from happening.
  // Where the kernel was asked to end us with our parent (spawn-worker.ts) no thread is
  // needed, only someone to end what we started once the kernel has ended us.
  if (process.env.PROCPOOL_PARENT_DEATH === 'kernel') endGroupWhenKilled();
  else exitWhenOrphaned(process.ppid);
  if (message.target) return runTarget(message.target, message.defaultModule);
  if (message.defaultModule) await preloadModule(message.defaultModule);
  try {
    if (message.initializer) {
      const initializer = await loadTask(message.initializer, message.defaultModule);
      const initargs = message.initargs ? (decode(message.initargs, message.initargsRefs ?? false) as unknown[]) : [];
      await initializer(...initargs);
    }
  } catch (error) {
    outbox.push({ t: 'init-failed', error: toWireError(error) });
    outbox.flush(() => process.exit(1));
    return;
  }
  init = message;
  outbox.push({ t: 'ready' });
  outbox.flush();
  if (queue.length > 0) void drain();
}

/**
 * Runs the queued tasks in order. A task begins only once everything sent before it (the
 * results of the tasks before it above all) is in the OS's hands. So when this process dies,
 * the parent, which reads all of that before it hears of the death, knows that of the tasks
 * it sent here only the first unanswered one can have begun (worker-exit.ts): none runs twice.
 */
async function drain(): Promise<void> {
  draining = true;
  while (queue.length > 0 && process.connected) {
    if (!outbox.handedOver) {
      await new Promise<void>((written) => outbox.flush(written));
      continue; // a cancel or a take-back may have changed the queue meanwhile
    }
    const task = queue.shift()!;
    const running = runTask(task, init?.defaultModule);
    outbox.push(running instanceof Promise ? await running : running);
  }
  outbox.flush();
  draining = false;
}

function cancel(id: number, reason: 'timeout' | 'abort'): void {
  const error =
    reason === 'timeout' ? new TimeoutError(`task ${id} timed out`) : new AbortError(`task ${id} was cancelled`);
  // context.taskId is the task running now (set and cleared by task-runner.ts).
  if (context.taskId === id) {
    context.controller.abort(error);
    return;
  }
  const index = queue.findIndex((task) => task.id === id);
  if (index === -1) return;
  queue.splice(index, 1);
  outbox.push({ t: 'result', id, ok: false, error: toWireError(error) });
}

/** Hands back the tasks asked for that have not begun; the answer follows any result sent before. */
function takeBack(ids: number[]): void {
  const wanted = new Set(ids);
  const kept = queue.filter((task) => !wanted.has(task.id));
  const taken = queue.filter((task) => wanted.has(task.id)).map((task) => task.id);
  queue.splice(0, queue.length, ...kept);
  outbox.push({ t: 'taken-back', ids: taken });
}

/**
 * Process mode: the target's outcome is the process's exit code, as in Python (1 when it
 * throws). Then the process ends as a Node program does, once nothing is left to do: timers
 * and streams the target started run to their end, and an error one of them throws later is
 * uncaught (exit code 1). Only the channel to the parent would keep it alive for ever.
 */
async function runTarget(target: WireTask, defaultModule: string | undefined): Promise<void> {
  const outcome = await runTask(target, defaultModule, false);
  if (!outcome.ok) {
    const error = fromWireError(outcome.error);
    process.stderr.write(`Process ${context.name} (pid ${process.pid}):\n${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  }
  await waitForChildren();
  outbox.flush(releaseChannel);
}
