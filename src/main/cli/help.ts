/** The text of `procpool --help` and `procpool COMMAND --help`. */

const globalOptions = `Global options:
  --db PATH      the state database (default: $PROCPOOL_DB, else ~/.local/share/procpool/state.db)
  -h, --help     show help`;

const exitCodes = `Exit codes:
  0    done
  1    the job ran and some items failed (they are listed)
  2    bad usage or bad input: nothing was created or changed
  130  interrupted (Ctrl-C): the job is left resumable with 'procpool jobs resume ID'`;

export const help: Record<string, string> = {
  main: `procpool: process-pool jobs from the command line

Usage:
  procpool copy SRC DST [--processes N] [--on-conflict fail|skip|overwrite|rename] [--verify] [--json]
  procpool map MODULE EXPORT (--inputs FILE.json | --range START:END) [--processes N] [--chunksize N]
  procpool jobs [--json]
  procpool jobs resume ID
  procpool jobs cancel ID
  procpool jobs show ID [--json]
  procpool jobs delete ID
  procpool serve [--port N] [--open]

Commands:
  copy    copy a folder with a pool of processes, with a live progress bar
  map     map an exported function over inputs; one JSON result per line, in input order
  jobs    list the jobs in the state database; show, resume, cancel or delete one
  serve   browser mode: serve the app on 127.0.0.1 and print its URL with its access token

Every job is recorded in the state database: a job stopped by Ctrl-C, a crash or a kill is
listed as Interrupted and resumes where it stopped. 'procpool COMMAND --help' tells more.

${globalOptions}

${exitCodes}`,

  copy: `Usage: procpool copy SRC DST [options]

Copies the folder SRC to DST: DST gets SRC's contents (it is created when missing, merged
into when it exists). SRC may also be a single file, which is copied into the folder DST.
Files, empty folders and symbolic links (as links, never followed) are copied with their
permissions and modification times. Each file is written under a temporary name and
renamed into place, so DST never holds a partial file.

Options:
  --processes N        at most N worker processes, each started when work needs it
                       (default: one per CPU)
  --on-conflict POLICY what to do with an entry that already exists in DST:
                         fail       (default) stop before changing anything, listing the conflicts
                         skip       keep what is there
                         overwrite  replace files and links (a folder is never replaced)
                         rename     keep both: the copy becomes 'name (1).ext'
  --verify             hash source and copy (SHA-256) after writing; a mismatch fails the file
  --json               machine-readable output: one JSON object per line (progress, then a summary)

Progress: a live bar (items, bytes, rate, time left, the file being copied) when the
output is a terminal, a plain line every second otherwise. Ctrl-C stops the copy, leaving it resumable
('procpool jobs resume ID'); what was finished is never copied again.

${globalOptions}

${exitCodes}`,

  map: `Usage: procpool map MODULE EXPORT (--inputs FILE | --range START:END) [options]

Calls the function EXPORT of the ES module MODULE on every input, in worker processes, and
prints one JSON result per line in input order. An input whose call throws prints null, and
its error goes to stderr; the other inputs go on (exit code 1).

Inputs:
  --range START:END    the integers START, START+1, …, END-1 (END excluded, as Python's range)
  --inputs FILE        a .json file holding an array (one input per element), any other file
                       (one input per line), or a folder (the path of each file in it)

Options:
  --processes N        at most N worker processes, each started when work needs it
                       (default: one per CPU)
  --chunksize N        inputs sent to a worker at a time (default: chosen from the count)

A missing module or export is bad input: exit code 2, nothing is run.

${globalOptions}

${exitCodes}`,

  jobs: `Usage:
  procpool jobs [--json]         list the jobs, newest first, with when each started and
                                 ended and how long it ran
  procpool jobs show ID          one job: its spec, counters, when it was created, started
                                 and ended, how long it ran, and every failed item
  procpool jobs resume ID        resume an Interrupted job (a Failed one: retry its failed items)
  procpool jobs cancel ID        cancel a job (also one running in another procpool)
  procpool jobs results ID       print a compute job's results, one JSON value per line, in
                                 input order (null, and its error on stderr, for a failed input)
  procpool jobs delete ID        remove a job that has ended from the history, with its list
                                 of items and results (files a copy wrote stay); a Running or
                                 Queued job is refused (exit 2): cancel it first

Options:
  --json                         one JSON object per job (id, kind, status, spec, counters,
                                 startedAt, finishedAt, ranMs, …, failures: every failed item
                                 with its message), or per progress update and a summary for resume
  --processes N                  (resume) at most N worker processes

How long a job took is the time it ran: the time it sat queued, paused or interrupted, or
waited to be resumed, does not count. A job whose process died (Ctrl-C, a crash, a kill, a
power loss) is listed as Interrupted.
Resuming it never redoes a finished item; items that were half done are done again, and
temporary files left behind are removed.

${globalOptions}

${exitCodes}`,

  serve: `Usage: procpool serve [--port N] [--open]

Browser mode: serves the app and its API on 127.0.0.1 only and prints one line, its URL
with a per-run access token: http://127.0.0.1:PORT/#token=TOKEN. Whoever has the token
has your rights (a compute job runs their module as you). API requests without the token,
and requests with a foreign Host, are refused. A busy port exits 2. Ctrl-C stops it;
running jobs are paused (Interrupted, resumable).

Options:
  --port N       the port (default: a free one)
  --open         open the URL in the default browser (the token stays off its command line)
  --processes N  worker processes (default: the pool size of the settings)

${globalOptions}`,
};
