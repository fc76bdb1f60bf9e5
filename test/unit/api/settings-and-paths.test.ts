import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDbPath } from '../../../src/main/api/default-db-path.js';
import { CpuMeter, cpuSeconds, rssBytes } from '../../../src/main/api/proc-stats.js';
import { defaultSettings, SettingsRepo } from '../../../src/main/api/settings-repo.js';
import { openStore, type Store } from '../../../src/main/state/index.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('SettingsRepo', () => {
  it('reads defaults until a setting is saved; saved ones survive a reopen; invalid stored values are ignored', () => {
    store = openStore();
    const repo = new SettingsRepo(store.db);
    expect(repo.load('/db')).toEqual(defaultSettings('/db'));
    repo.save({ poolSize: 3, taskTimeoutMs: 5000, defaultConflict: 'rename' });
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('retries', '-4'), ('workerNice', 'not json')").run();
    expect(new SettingsRepo(store.db).load('/db')).toEqual({ ...defaultSettings('/db'), poolSize: 3, taskTimeoutMs: 5000, defaultConflict: 'rename' });
  });
});

describe('defaultDbPath', () => {
  it('is PROCPOOL_DB when set, else the platform user data folder', () => {
    expect(defaultDbPath({ PROCPOOL_DB: '/x/state.db' }, 'linux', '/home/u')).toBe('/x/state.db');
    expect(defaultDbPath({}, 'linux', '/home/u')).toBe('/home/u/.local/share/procpool/state.db');
    expect(defaultDbPath({ XDG_DATA_HOME: '/data' }, 'linux', '/home/u')).toBe('/data/procpool/state.db');
    expect(defaultDbPath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/procpool/state.db');
    expect(defaultDbPath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'procpool', 'state.db'));
  });
});

describe('proc stats', () => {
  it.runIf(process.platform === 'linux')('reads CPU time and RSS of a PID from /proc; a busy process shows CPU use', () => {
    expect(rssBytes(process.pid)).toBeGreaterThan(10_000_000);
    expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(cpuSeconds(999_999_999)).toBeUndefined();
    const meter = new CpuMeter();
    const start = performance.now();
    const own = process.cpuUsage();
    expect(meter.percent(process.pid, start)).toBe(0);
    while (performance.now() - start < 300); // busy, as far as the machine lets it be
    const end = performance.now();
    // What this process really got, by its own account: a loaded machine gives it less than a core.
    const used = process.cpuUsage(own);
    const actual = ((used.user + used.system) / 1000 / (end - start)) * 100;
    const measured = meter.percent(process.pid, end);
    expect(measured).toBeGreaterThan(5);
    expect(Math.abs(measured - actual)).toBeLessThan(15); // /proc counts in 10 ms ticks
  });
});
