/**
 * The New job form's state: checked as people type (at once for what needs no disk, through
 * the service's validateJob a moment after they stop typing), and started only when both
 * say it is fine. An error stays next to its field; nothing is submitted on bad input.
 */
import type { CoreClient } from '../lib/core-client.js';
import { buildSpec, emptyForm, errorFromMessage, hasErrors, serviceErrors, type FieldErrors, type FormField, type JobFormValues } from '../lib/job-form-model.js';
import type { JobSummary, ConflictPolicy } from '../../shared/api.js';

const settleMs = 250;

export class JobFormState {
  values = $state<JobFormValues>(emptyForm());
  /** Fields the person has left at least once, so errors do not shout before they type. */
  touched = $state<Partial<Record<FormField, boolean>>>({});
  remote = $state.raw<FieldErrors>({});
  submitting = $state(false);
  checking = $state(false);

  built = $derived(buildSpec(this.values));
  errors = $derived<FieldErrors>({ ...this.remote, ...this.built.errors });

  private timer: ReturnType<typeof setTimeout> | undefined;
  private round = 0;

  constructor(
    private readonly client: CoreClient,
    defaultConflict: ConflictPolicy = 'fail',
  ) {
    this.values.onConflict = defaultConflict;
  }

  /** An error to show now for a field: after it was touched, or after a Start attempt. */
  shown(field: FormField): string | undefined {
    return this.touched[field] ? this.errors[field] : undefined;
  }

  touch(field: FormField): void {
    this.touched = { ...this.touched, [field]: true };
  }

  /** Another kind has other fields: none of them has been left yet, whatever the last Start said. */
  kindChanged(): void {
    this.touched = {};
    this.changed();
  }

  /** Call after every edit: the service's verdict follows once typing pauses. */
  changed(): void {
    this.remote = {};
    clearTimeout(this.timer);
    if (hasErrors(this.built.errors)) return;
    this.timer = setTimeout(() => void this.check(), settleMs);
  }

  async check(): Promise<boolean> {
    const round = ++this.round;
    const { spec, errors } = this.built;
    if (hasErrors(errors)) return false;
    this.checking = true;
    try {
      const verdict = await this.client.validateJob(spec);
      if (round === this.round) this.remote = serviceErrors(verdict, this.values.kind);
      return verdict.ok;
    } catch (error) {
      if (round === this.round) this.remote = { general: (error as Error).message };
      return false;
    } finally {
      if (round === this.round) this.checking = false;
    }
  }

  /** Starts the job when every check passes; returns it, or undefined with the errors shown. */
  async submit(): Promise<JobSummary | undefined> {
    this.touched = { source: true, destination: true, module: true, function: true, inputs: true, general: true };
    clearTimeout(this.timer);
    if (hasErrors(this.built.errors)) return undefined;
    this.submitting = true;
    try {
      if (!(await this.check())) return undefined;
      const job = await this.client.submitJob(this.built.spec as Parameters<CoreClient['submitJob']>[0]);
      const conflict = this.values.onConflict;
      this.values = { ...emptyForm(conflict), kind: this.values.kind };
      this.touched = {};
      this.remote = {};
      return job;
    } catch (error) {
      this.remote = errorFromMessage((error as Error).message, this.values.kind);
      return undefined;
    } finally {
      this.submitting = false;
    }
  }
}
