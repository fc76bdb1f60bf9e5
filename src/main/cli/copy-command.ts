/** `procpool copy SRC DST [--processes N] [--on-conflict POLICY] [--verify] [--json]` */
import { conflictPolicies, type ConflictPolicy } from '../../shared/api.js';
import { expectPositionals, parseCommand, positiveInt } from './args.js';
import { openContext } from './cli-context.js';
import { exitCodeOf, UsageError } from './exit-codes.js';
import { help } from './help.js';
import { printOutcome } from './outcome.js';
import { progressView } from './progress-view.js';
import { runInForeground } from './run-job.js';

export async function copyCommand(args: string[], db: string | undefined): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    processes: { type: 'string' },
    'on-conflict': { type: 'string' },
    verify: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${help.copy}\n`);
    return 0;
  }
  expectPositionals('copy', positionals, ['SRC', 'DST']);
  const processes = positiveInt('--processes', values.processes, 256);
  const onConflict = values['on-conflict'] ?? 'fail';
  if (!(conflictPolicies as readonly string[]).includes(onConflict)) {
    throw new UsageError(`--on-conflict must be one of ${conflictPolicies.join(', ')}; got '${onConflict}'`);
  }
  const [source, destination] = positionals as [string, string];
  const context = openContext(db, processes);
  try {
    const view = progressView(values.json ? 'json' : process.stdout.isTTY ? 'bar' : 'plain', process.stdout);
    const spec = { kind: 'copy' as const, source, destination, onConflict: onConflict as ConflictPolicy, verify: values.verify ?? false };
    const { job, errorName } = await runInForeground(context, () => context.jobs.submit(spec), view);
    printOutcome(context, job, values.json ?? false);
    return exitCodeOf(job.status, errorName);
  } finally {
    await context.close();
  }
}
