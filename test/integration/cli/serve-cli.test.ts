import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeTree, scratch } from '../../fixtures/jobs-tree.js';
import { cli, outputUntil, startCli } from './cli-runner.js';

let root: string;
beforeEach(() => {
  root = scratch('procpool-serve-');
});
afterEach(() => removeTree(root));

describe('procpool serve', () => {
  it('prints one line, its URL with the token in the fragment; the API needs the token; Ctrl-C stops it (exit 0)', async () => {
    const run = startCli(['serve', '--port', '0', '--processes', '1', '--db', join(root, 'state.db')]);
    await outputUntil(run, () => run.stdout().includes('\n'), 'the URL');
    const url = run.stdout().trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    const [base, token] = url.split('/#token=') as [string, string];
    expect((await fetch(`${base}/api`)).status).toBe(403);
    expect((await fetch(`${base}/api`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout().trim().split('\n')).toHaveLength(1);
  });

  it('on a busy port says so in one line and exits 2, creating no state database', async () => {
    const blocker: Server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const busy = (blocker.address() as { port: number }).port;
    try {
      const db = join(root, 'state.db');
      const { code, stdout, stderr } = await cli(['serve', '--port', String(busy), '--processes', '1', '--db', db]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(new RegExp(`^procpool serve: port ${busy} is in use: .+\\n$`));
      expect(existsSync(db)).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
