import { describe, expect, it, vi } from 'vitest';
import { endNotice, JobEndWatcher } from '../../../src/main/app/job-end-watcher.js';
import { quitButtons, quitChoice, quitMessage } from '../../../src/main/app/quit-plan.js';
import { commandNames, eventNames, ipcChannel } from '../../../src/shared/bridge.js';
import { sampleJob } from '../../fixtures/stub-core-service.js';

describe('quitting with jobs running', () => {
  it('offers pause, wait, stop and staying, and maps the answer back', () => {
    expect(quitButtons.map((b) => b.choice)).toEqual(['pause', 'wait', 'stop', 'cancel']);
    expect(quitChoice(0)).toBe('pause');
    expect(quitChoice(2)).toBe('stop');
    expect(quitChoice(99)).toBe('cancel');
    expect(quitMessage(1).message).toBe('1 job is still running');
    expect(quitMessage(3).message).toBe('3 jobs are still running');
  });
});

describe('job end notifications and the badge', () => {
  it('notices a job that ends after it was seen running, once, and counts running jobs', () => {
    const watcher = new JobEndWatcher();
    expect(watcher.update([sampleJob(1, { status: 'running' }), sampleJob(2, { status: 'done' })])).toEqual([]);
    expect(watcher.running).toBe(1);
    const ended = watcher.update([sampleJob(1, { status: 'done', itemsDone: 10 })]);
    expect(ended.map((j) => j.id)).toEqual([1]);
    expect(watcher.update([sampleJob(1, { status: 'done' })])).toEqual([]);
    expect(watcher.running).toBe(0);
    expect(endNotice(ended[0]!)).toEqual({ title: 'Job 1: done', body: '10 of 10 files' });
    expect(endNotice(sampleJob(3, { status: 'failed', message: 'disk full' }))).toEqual({ title: 'Job 3: failed', body: 'disk full' });
  });
});

describe('the preload', () => {
  it('exposes one function per command, on(), and pickFolder, and hands listeners the payload only', async () => {
    const exposed: Record<string, unknown> = {};
    const invoke = vi.fn(async (...args: unknown[]) => ({ ok: true, value: args }));
    const handlers = new Map<string, (event: unknown, payload: unknown) => void>();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke, on: (channel: string, h: (e: unknown, p: unknown) => void) => handlers.set(channel, h), removeListener: (channel: string) => handlers.delete(channel) },
    }));
    await import('../../../src/preload/index.js');
    const bridge = exposed.procpool as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...commandNames, 'on', 'pickFolder'].sort());
    expect(Object.values(bridge).every((f) => typeof f === 'function')).toBe(true);
    await bridge.killWorker!(123);
    expect(invoke).toHaveBeenCalledWith(ipcChannel.command('killWorker'), 123);
    const seen: unknown[] = [];
    const off = bridge.on!('jobs', (payload: unknown) => seen.push(payload)) as () => void;
    handlers.get(ipcChannel.event('jobs'))!({ sender: 'the electron event' }, [1]);
    expect(seen).toEqual([[1]]);
    off();
    expect(handlers.size).toBe(0);
    expect(() => bridge.on!('secrets', () => undefined)).toThrow(TypeError);
    expect(eventNames).toContain('jobs');
  });
});
