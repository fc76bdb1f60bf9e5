/**
 * Where an ES module's syntax error is. Node 20's error names neither the file nor the line
 * when a module fails to parse ("SyntaxError: Unexpected token ';'"); `node --check` prints
 * both. Asked only after an import failed with a SyntaxError, so it costs nothing otherwise.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `line 2: return x +;`, or undefined where the module's own text parses (the error is in a module it imports). */
export function syntaxErrorLine(module: string): string | undefined {
  const path = module.startsWith('file:') ? fileURLToPath(module) : module;
  const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: 10_000 });
  if (check.status === 0 || typeof check.stderr !== 'string') return undefined;
  const [where = '', source = ''] = check.stderr.split('\n');
  const line = where.startsWith(`${path}:`) ? /:(\d+)$/.exec(where)?.[1] : undefined;
  return line ? `line ${line}: ${source.trim()}` : undefined;
}
