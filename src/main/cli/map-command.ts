/** `procpool map MODULE EXPORT (--inputs FILE | --range START:END) [--processes N] [--chunksize N]` */
import type { ComputeInputs } from '../../shared/api.js';
import { expectPositionals, parseCommand, positiveInt, range } from './args.js';
import { openContext } from './cli-context.js';
import { exitCodeOf, UsageError } from './exit-codes.js';
import { help } from './help.js';
import { printOutcome } from './outcome.js';
import { progressView } from './progress-view.js';
import { ResultPrinter } from './result-printer.js';
import { runInForeground } from './run-job.js';

export async function mapCommand(args: string[], db: string | undefined): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    inputs: { type: 'string' },
    range: { type: 'string' },
    processes: { type: 'string' },
    chunksize: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${help.map}\n`);
    return 0;
  }
  expectPositionals('map', positionals, ['MODULE', 'EXPORT']);
  if ((values.inputs === undefined) === (values.range === undefined)) {
    throw new UsageError('map needs its inputs: give either --inputs FILE or --range START:END (one of them)');
  }
  const inputs: ComputeInputs = values.range !== undefined ? { type: 'range', ...range(values.range) } : { type: 'path', path: values.inputs! };
  const processes = positiveInt('--processes', values.processes, 256);
  const chunksize = positiveInt('--chunksize', values.chunksize);
  const [module, name] = positionals as [string, string];
  const context = openContext(db, processes);
  try {
    let printer: ResultPrinter | undefined;
    const spec = { kind: 'compute' as const, task: { module, name }, inputs, ...(chunksize && { chunksize }) };
    const view = progressView(process.stderr.isTTY ? 'bar' : 'none', process.stderr);
    const { job, errorName } = await runInForeground(
      context,
      async () => {
        const submitted = await context.jobs.submit(spec);
        printer = new ResultPrinter(context.jobs, submitted.id);
        return submitted;
      },
      view,
      () => printer?.print(),
    );
    printer?.print();
    if (job.status === 'failed' && job.itemsFailed > 0) process.stderr.write(`procpool map: ${job.itemsFailed} of ${job.itemsTotal} inputs failed (job ${job.id})\n`);
    else if (job.status !== 'done') printOutcome(context, job, false);
    return exitCodeOf(job.status, errorName);
  } finally {
    await context.close();
  }
}
