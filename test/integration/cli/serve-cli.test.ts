import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { outputUntil, startCli } from './cli-runner.js';

let root: string;
beforeEach(() => {
  root = scratch('procpool-serve-');
});
afterEach(() => removeTree(root));

describe('procpool serve', () => {
  it('prints one line, its URL with the token; the token is required; Ctrl-C stops it (exit 0)', async () => {
    const run = startCli(['serve', '--port', '0', '--processes', '1', '--db', join(root, 'state.db')]);
    await outputUntil(run, () => run.stdout().includes('\n'), 'the URL');
    const url = run.stdout().trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(url.replace(/\?token=.*/, ''), { redirect: 'manual' })).status).toBe(403);
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout().trim().split('\n')).toHaveLength(1);
  });
});
