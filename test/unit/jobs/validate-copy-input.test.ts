import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateCopyInput } from '../../../src/main/jobs/copy/validate-copy-input.js';
import { JobInputError } from '../../../src/shared/errors.js';
import { removeTree, runAsUser, scratch } from '../../fixtures/jobs-tree.js';

let root: string;
beforeEach(() => {
  root = scratch();
  mkdirSync(join(root, 'src/sub'), { recursive: true });
  writeFileSync(join(root, 'src/file.txt'), 'x');
});
afterEach(() => removeTree(root));

async function refusal(source: string, destination: string): Promise<string> {
  const before = readdirSync(root).sort();
  const error = await validateCopyInput(source, destination, root).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobInputError);
  expect((error as Error).name).toBe('JobInputError');
  expect((error as Error).message).toMatch(/Nothing was created or changed\.$/);
  expect(readdirSync(root).sort()).toEqual(before);
  return (error as Error).message;
}

describe('validateCopyInput', () => {
  it('accepts a folder into a new destination, resolving relative paths from cwd', async () => {
    expect(await validateCopyInput('src', 'out/deeper', root)).toEqual({
      kind: 'folder',
      source: join(root, 'src'),
      destination: join(root, 'out/deeper'),
      destinationExists: false,
    });
  });

  it('accepts an existing destination folder (merged into) and a file source (copied into the folder)', async () => {
    mkdirSync(join(root, 'out'));
    expect(await validateCopyInput(join(root, 'src'), join(root, 'out'))).toMatchObject({ kind: 'folder', destinationExists: true });
    expect(await validateCopyInput(join(root, 'src/file.txt'), join(root, 'out'))).toMatchObject({
      kind: 'file',
      source: join(root, 'src/file.txt'),
      destination: join(root, 'out'),
    });
  });

  it('follows a link named as the source, to its real path', async () => {
    symlinkSync('src', join(root, 'link'));
    expect(await validateCopyInput(join(root, 'link'), join(root, 'out'))).toMatchObject({ source: join(root, 'src') });
  });

  it('refuses a missing source, naming it and the path it came from', async () => {
    expect(await refusal('missing', 'out')).toBe(
      `the source ${join(root, 'missing')} (from "missing") does not exist. Check the path and try again. Nothing was created or changed.`,
    );
    expect(await refusal(join(root, 'src/file.txt/below'), 'out')).toMatch(/a part of its path is a file/);
  });

  it('refuses a source link that points nowhere', async () => {
    symlinkSync('nowhere', join(root, 'dangling'));
    expect(await refusal(join(root, 'dangling'), 'out')).toMatch(/is a symbolic link to nowhere, which does not exist/);
  });

  it('refuses a destination that is a file, or lies under one', async () => {
    writeFileSync(join(root, 'a-file'), 'x');
    expect(await refusal('src', 'a-file')).toMatch(/the destination .*a-file is a file: the destination must be a folder/);
    expect(await refusal('src', 'a-file/inside')).toMatch(/cannot create the destination .*: .*a-file is a file, not a folder/);
  });

  it('refuses the same folder, also when reached through a link', async () => {
    expect(await refusal('src', 'src')).toMatch(/the source and the destination are the same folder/);
    symlinkSync('src', join(root, 'alias'));
    expect(await refusal('src', 'alias/')).toMatch(/the same folder/);
  });

  it('refuses a destination inside the source, also through a link', async () => {
    expect(await refusal('src', 'src/sub/copy')).toMatch(/the destination .*src\/sub\/copy is inside the source .*src: the copy would copy itself/);
    symlinkSync(join(root, 'src/sub'), join(root, 'sneaky'));
    expect(await refusal('src', 'sneaky/copy')).toMatch(/is inside the source/);
    // A sibling whose name merely starts the same is not inside.
    expect(await validateCopyInput('src', 'src-copy', root)).toMatchObject({ destination: join(root, 'src-copy') });
  });

  it('refuses copying a file onto itself', async () => {
    expect(await refusal('src/file.txt', 'src')).toMatch(/would copy the file onto itself/);
  });

  it('refuses empty paths and what is neither file nor folder', async () => {
    expect(await refusal('', 'out')).toMatch(/no source given/);
    expect(await refusal('src', '  ')).toMatch(/no destination given/);
    expect(await refusal('/dev/null', 'out')).toMatch(/neither a folder nor a regular file/);
  });

  it('refuses an unreadable source and an unwritable destination (run as an unprivileged user: root may do anything)', (context) => {
    chmodSync(root, 0o755);
    mkdirSync(join(root, 'locked'));
    chmodSync(join(root, 'locked'), 0o000);
    mkdirSync(join(root, 'read-only'));
    chmodSync(join(root, 'read-only'), 0o555);
    const unreadable = runAsUser(['validate', join(root, 'locked'), join(root, 'out')]);
    if (!unreadable) return context.skip('cannot start a process as an unprivileged user here');
    expect(unreadable).toMatchObject({
      ok: false,
      name: 'JobInputError',
      message: `the source folder ${join(root, 'locked')} cannot be accessed: permission denied. Check its permissions, or run as a user who can read it. Nothing was created or changed.`,
    });
    expect(runAsUser(['validate', join(root, 'src'), join(root, 'read-only/out')])).toMatchObject({
      ok: false,
      message: expect.stringContaining(`cannot write to the destination folder ${join(root, 'read-only')}: permission denied`) as string,
    });
  });
});
