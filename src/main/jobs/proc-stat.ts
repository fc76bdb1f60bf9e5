/**
 * The fields of /proc/PID/stat (Linux) after the command name, which may hold spaces and
 * parentheses: counting starts after its last ')'. Index 0 is the state (field 3 of the
 * file), 1 the parent PID, 11 and 12 utime and stime, 19 the start time. Undefined when the
 * process is gone, a zombie, or there is no /proc.
 */
import { readFileSync } from 'node:fs';

export function procStatFields(pid: number): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[0] === 'Z' || fields[0] === 'X' ? undefined : fields;
}
