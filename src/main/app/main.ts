/**
 * The Electron main process: one window on the built renderer, the API over IPC, the dock or
 * tray badge with running jobs, a notification when a job ends, and a quit that asks what to
 * do with running jobs. Workers never outlive the app: quitting closes the service, which ends
 * the pool, and each worker also exits by itself when this process dies.
 */
import { existsSync } from 'node:fs';
import { app, BrowserWindow, dialog, Menu, nativeTheme, Notification, Tray } from 'electron';
import type { CoreService, JobSummary } from '../../shared/api.js';
import { iconPath, preloadPath, rendererUrl } from './app-paths.js';
import { guardContents, guardSession } from './guard-contents.js';
import { wireIpc } from './ipc-handlers.js';
import { endNotice, JobEndWatcher } from './job-end-watcher.js';
import { loadService } from './load-service.js';
import { quitButtons, quitChoice, quitMessage } from './quit-plan.js';
import { windowOptions } from './window-options.js';

const appUrl = rendererUrl(process.env, app.isPackaged);
let service: CoreService | undefined;
let window: BrowserWindow | undefined;
let tray: Tray | undefined;
let unwire: (() => void) | undefined;
let quitting = false;
let quitWhenIdle = false;
const watcher = new JobEndWatcher();

if (!app.requestSingleInstanceLock()) app.exit(0);
app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});
app.on('web-contents-created', (_event, contents) => guardContents(contents, () => appUrl));

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => fail(error));

async function start(): Promise<void> {
  guardSession();
  try {
    service = await loadService(process.env.PROCPOOL_DB);
  } catch (error) {
    return fail(error);
  }
  const icon = existsSync(iconPath) ? iconPath : undefined;
  window = new BrowserWindow(windowOptions({ preload: preloadPath, dark: nativeTheme.shouldUseDarkColors, ...(icon && { icon }) }));
  unwire = wireIpc(service, window, appUrl);
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = undefined));
  if (icon) {
    tray = new Tray(icon);
    tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Show Procpool', click: () => window?.show() }, { role: 'quit' }]));
  }
  service.on('jobs', (jobs) => onJobs(jobs));
  onJobs([...(await service.listJobs({ status: 'running' })), ...(await service.listJobs({ status: 'queued' }))]);
  await window.loadURL(appUrl);
}

function onJobs(jobs: JobSummary[]): void {
  for (const job of watcher.update(jobs)) {
    if (Notification.isSupported()) new Notification(endNotice(job)).show();
  }
  const running = watcher.running;
  app.setBadgeCount(running);
  tray?.setToolTip(running > 0 ? `Procpool: ${running} running` : 'Procpool');
  if (quitWhenIdle && running === 0) void finish();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => window?.show());

app.on('before-quit', (event) => {
  if (quitting) return;
  event.preventDefault();
  void decide();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void finish());

async function decide(): Promise<void> {
  if (!service) return finish();
  const active = [...(await service.listJobs({ status: 'running' })), ...(await service.listJobs({ status: 'queued' }))];
  if (active.length > 0) {
    const { message, detail } = quitMessage(active.length);
    const options = { type: 'question' as const, buttons: quitButtons.map((b) => b.label), defaultId: 0, cancelId: quitButtons.length - 1, message, detail };
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    const choice = quitChoice(response);
    if (choice === 'cancel') return;
    if (choice === 'wait') {
      quitWhenIdle = true;
      window?.hide();
      return;
    }
    for (const job of active) await (choice === 'pause' ? service.pauseJob(job.id) : service.cancelJob(job.id)).catch(() => undefined);
  }
  await finish();
}

async function finish(): Promise<void> {
  if (quitting) return;
  quitting = true;
  unwire?.();
  tray?.destroy();
  // Closing the service pauses what still runs (resumable) and ends every worker.
  await service?.close().catch((error: unknown) => console.error('procpool: closing the service failed', error));
  app.quit();
}

function fail(error: unknown): void {
  dialog.showErrorBox('Procpool could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
