/**
 * The `procpool` command (CONTRACT.md, "Command line"): `main(argv)` runs one command and
 * resolves with its exit code; bin/procpool.js calls it.
 */
import { resolve } from 'node:path';
import { JobInputError } from '../../shared/errors.js';
import { defaultDbPath } from '../api/default-db-path.js';
import { fieldOf } from '../jobs/field-error.js';
import { corruptionOf } from '../state/corruption.js';
import { StoreOpenError } from '../state/errors.js';
import { splitGlobal } from './args.js';
import { watchOutput } from './closed-output.js';
import { copyCommand } from './copy-command.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { help } from './help.js';
import { jobsCommand } from './jobs-command.js';
import { mapCommand } from './map-command.js';
import { printable } from './printable.js';
import { serveCommand } from './serve-command.js';

const commands: Record<string, (args: string[], db: string | undefined) => Promise<number>> = {
  copy: copyCommand,
  map: mapCommand,
  jobs: jobsCommand,
  serve: serveCommand,
};

export async function main(argv: readonly string[]): Promise<number> {
  let command: string | undefined;
  let db: string | undefined;
  watchOutput();
  try {
    const invocation = splitGlobal(argv);
    command = invocation.command;
    db = invocation.db;
    const wantsHelp = invocation.args.includes('--help') || invocation.args.includes('-h');
    if (command === undefined || command === 'help') {
      const topic = command === 'help' ? invocation.args.find((arg) => !arg.startsWith('-')) : undefined;
      if (command === undefined && !wantsHelp) {
        process.stderr.write(`${help.main}\n`);
        return invocation.args.length > 0 ? unknownOption(invocation.args[0]!) : ExitCode.badInput;
      }
      process.stdout.write(`${help[topic ?? 'main'] ?? help.main}\n`);
      return ExitCode.done;
    }
    const run = commands[command];
    if (!run) throw new UsageError(`unknown command '${command}': the commands are ${Object.keys(commands).join(', ')}`);
    return await run(invocation.args, invocation.db);
  } catch (error) {
    // A damaged page shows itself at whichever query first reads it: the state database's, here.
    return report(corruptionOf(resolve(db ?? defaultDbPath()), error) ?? error, command);
  }
}

function unknownOption(option: string): number {
  process.stderr.write(`procpool: unknown option '${option}'\n`);
  return ExitCode.badInput;
}

/** A job spec's field names (the API's) as the command line names them. */
const argumentOfField: Record<string, string> = {
  source: 'SRC',
  destination: 'DST',
  'task.module': 'MODULE',
  'task.name': 'EXPORT',
  'inputs.path': '--inputs',
  'inputs.start': '--range',
  'inputs.end': '--range',
  chunksize: '--chunksize',
};

function inCommandLineTerms(error: Error): string {
  const field = fieldOf(error);
  const argument = field && argumentOfField[field];
  return argument && error.message.startsWith(`${field}: `) ? `${argument}: ${error.message.slice(field.length + 2)}` : error.message;
}

function report(error: unknown, command: string | undefined): number {
  const prefix = command && command in commands ? `procpool ${command}` : 'procpool';
  if (error instanceof UsageError) {
    process.stderr.write(`${prefix}: ${error.message}\nRun '${prefix} --help' for usage.\n`);
    return ExitCode.badInput;
  }
  if (error instanceof JobInputError || error instanceof StoreOpenError) {
    process.stderr.write(`${prefix}: ${printable(inCommandLineTerms(error))}\n`);
    return ExitCode.badInput;
  }
  const { stack, message } = error instanceof Error ? error : { stack: undefined, message: String(error) };
  process.stderr.write(`${prefix}: internal error: ${stack ?? message}\n`);
  return ExitCode.itemsFailed;
}
