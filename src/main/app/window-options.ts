/**
 * The one window's options, as a pure function so a unit test can check the security
 * checklist where Electron cannot run: context isolation and the sandbox on, no Node in the
 * page (nor its workers and frames), no <webview>, web security on.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowInput {
  /** Absolute path of the bundled preload (dist/preload/index.cjs). */
  preload: string;
  /** The system's dark mode, so the window does not flash white before the page paints. */
  dark: boolean;
  icon?: string;
}

export function windowOptions(input: WindowInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 640,
    minHeight: 420,
    title: 'Procpool',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: input.dark ? '#15181d' : '#f4f5f7',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
