/**
 * Recognises the temporary names copy workers write under (src/workers/tasks/temp-name.ts):
 * `.<name>.procpool-tmp-<pid>-<8 hex>`. Only names of exactly this shape are ever removed,
 * so a user's own files are safe whatever they are called.
 */
const pattern = /^\..*\.procpool-tmp-(\d+)-[0-9a-f]{8}$/s;

export function isTempName(name: string): boolean {
  return pattern.test(name);
}

/** The pid of the worker that writes (or wrote) under this temporary name; undefined for other names. */
export function tempWriterPid(name: string): number | undefined {
  const match = pattern.exec(name);
  return match ? Number(match[1]) : undefined;
}
