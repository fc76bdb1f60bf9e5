/** The Settings form: text as typed, turned into a patch the service accepts, or an error per field. */
import { conflictPolicies, type ConflictPolicy, type Settings, type SettingsPatch } from '../../shared/api.js';
import { withThousands } from '../../shared/thousands.js';

export type SettingsField = 'poolSize' | 'maxTasksPerWorker' | 'retries' | 'taskTimeoutMs' | 'workerNice' | 'defaultConflict';
export type SettingsText = Record<SettingsField, string>;

export function settingsText(s: Settings): SettingsText {
  return {
    poolSize: String(s.poolSize),
    maxTasksPerWorker: s.maxTasksPerWorker === null ? '' : String(s.maxTasksPerWorker),
    retries: String(s.retries),
    taskTimeoutMs: s.taskTimeoutMs === null ? '' : String(s.taskTimeoutMs / 1000),
    workerNice: String(s.workerNice),
    defaultConflict: s.defaultConflict,
  };
}

const whole = (text: string, min: number, max: number, what: string): number | string => {
  const t = text.trim();
  // -3 is a whole number too: out of range, and the message says which range.
  if (!/^[-+]?\d+$/.test(t)) return `${what} must be a whole number.`;
  const n = Number(t);
  return n < min || n > max ? `${what} must be from ${withThousands(min)} to ${withThousands(max)}.` : n;
};

/** The service counts the timeout in whole milliseconds, at most a week. */
const maxTimeoutSeconds = 7 * 86_400;

/** One field's value as the service wants it, or the message to show next to it. */
export function parseSetting(field: SettingsField, text: string): { ok: true; patch: SettingsPatch } | { ok: false; message: string } {
  const as = (value: number | string | null, key: SettingsField) => (typeof value === 'string' ? { ok: false as const, message: value } : { ok: true as const, patch: { [key]: value } as SettingsPatch });
  switch (field) {
    case 'poolSize':
      return as(whole(text, 1, 256, 'Pool size'), field);
    case 'maxTasksPerWorker':
      return as(text.trim() === '' ? null : whole(text, 1, 1_000_000, 'Tasks per worker'), field);
    case 'retries':
      return as(whole(text, 0, 100, 'Retries'), field);
    case 'workerNice':
      return as(whole(text, 0, 19, 'Priority'), field);
    case 'taskTimeoutMs': {
      const t = text.trim();
      if (t === '') return as(null, field);
      const seconds = Number(t);
      if (!Number.isFinite(seconds)) return as('Timeout must be a number of seconds.', field);
      // The service counts whole milliseconds, at least 1.
      if (seconds < 0.001 || seconds > maxTimeoutSeconds) return as(`Timeout must be from 0.001 to ${withThousands(maxTimeoutSeconds)} seconds (7 days).`, field);
      return as(Math.round(seconds * 1000), field);
    }
    case 'defaultConflict':
      return conflictPolicies.includes(text as ConflictPolicy) ? { ok: true, patch: { defaultConflict: text as ConflictPolicy } } : { ok: false, message: 'Choose a policy.' };
  }
}
