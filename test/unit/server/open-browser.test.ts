import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launcherHtml, openInBrowser } from '../../../src/main/server/open-browser.js';

const url = 'http://127.0.0.1:4321/#token=secret-token';

describe('opening browser mode in the default browser', () => {
  it('hands the opener the path of a page only this user can read, never the token', () => {
    const started: Array<{ command: string; args: string[] }> = [];
    const fakeSpawn = (command: string, args: string[]) => {
      started.push({ command, args });
      return Object.assign(new EventEmitter(), { unref: () => undefined }) as never;
    };
    const remove = openInBrowser(url, () => undefined, fakeSpawn);
    try {
      expect(started).toHaveLength(1);
      const args = started[0]!.args;
      expect(args.join(' ')).not.toContain('secret-token');
      expect(args).toHaveLength(1);
      const page = args[0]!;
      expect(statSync(page).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(page)).mode & 0o777).toBe(0o700);
      expect(readFileSync(page, 'utf8')).toContain(`content="0;url=${url}"`);
    } finally {
      remove();
    }
    expect(existsSync(started[0]!.args[0]!)).toBe(false);
  });

  it('writes the URL into the page as an attribute value, escaped', () => {
    expect(launcherHtml('http://127.0.0.1:1/?a=1&b="<x>"')).toContain('href="http://127.0.0.1:1/?a=1&amp;b=&quot;&lt;x>&quot;"');
  });
});
