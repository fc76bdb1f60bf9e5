/**
 * Browser mode's notification when jobs end (Electron's main process shows its own). The
 * permission is asked once, ever, and only on a click (a browser ignores or blocks an
 * unprompted request); nothing is shown while the person looks at the app, whose list and
 * toasts already say it; the jobs that ended meanwhile share one notification that replaces
 * the last (one tag), so a burst of short jobs is one quiet line, not a flood.
 */
import type { JobSummary } from '../../shared/api.js';
import { endNotice } from './job-notices.js';

/** What the notifier needs of the Notifications API (window.Notification). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): unknown;
}

export const askedKey = 'procpool.notifications.asked';
const tag = 'procpool-jobs-ended';

export class EndNotifier {
  /** Jobs that ended since the person last looked. */
  private unseen: JobSummary[] = [];
  /** Asked in this page already: where storage is refused, still once a page. */
  private askedHere = false;

  constructor(
    private readonly api: NotificationApi | undefined,
    /** True while the app is in sight and has the focus. */
    private readonly looking: () => boolean,
    private readonly memory: Pick<Storage, 'getItem' | 'setItem'> | undefined,
  ) {}

  /** Call from a click that starts a job: asks for the permission the first time only. */
  askOnce(): void {
    if (this.api?.permission !== 'default' || this.askedHere || this.asked()) return;
    this.askedHere = true;
    try {
      this.memory?.setItem(askedKey, '1');
    } catch {
      // Storage refused (a private window): the browser's own answer is remembered anyway.
    }
    void this.api.requestPermission().catch(() => undefined);
  }

  ended(jobs: readonly JobSummary[]): void {
    if (jobs.length === 0 || this.api?.permission !== 'granted') return;
    if (this.looking()) {
      this.unseen = [];
      return;
    }
    this.unseen = [...this.unseen.filter((old) => !jobs.some((job) => job.id === old.id)), ...jobs];
    const { title, body } = endNotice(this.unseen);
    new this.api(title, { body, tag });
  }

  /** Call when the focus or the page's visibility changes: once the person looks, what ended so far has been seen. */
  seen(): void {
    if (this.looking()) this.unseen = [];
  }

  private asked(): boolean {
    try {
      return this.memory?.getItem(askedKey) === '1';
    } catch {
      return false;
    }
  }
}

/** The notifier of this page: none where the API is missing (the API may be absent, or disabled). */
export function pageNotifier(): EndNotifier {
  const api = typeof Notification === 'function' ? (Notification as NotificationApi) : undefined;
  let memory: Storage | undefined;
  try {
    memory = localStorage;
  } catch {
    memory = undefined;
  }
  return new EndNotifier(api, () => document.visibilityState === 'visible' && document.hasFocus(), memory);
}
