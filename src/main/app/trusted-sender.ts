/**
 * Whether an IPC message comes from our page: our window's web contents, its main frame (not
 * an iframe), and a frame showing our app (the built index.html over file://, or the dev
 * server's origin). Everything else is refused before its arguments are even parsed.
 */
export interface SenderInfo {
  webContentsId: number;
  /** The sending frame's URL; undefined when the frame is gone. */
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

export interface TrustedPage {
  webContentsId: number;
  /** What the window loaded: a file: URL of index.html, or an http://localhost dev URL. */
  appUrl: string;
}

export function isTrustedSender(sender: SenderInfo, trusted: TrustedPage): boolean {
  if (sender.webContentsId !== trusted.webContentsId || !sender.isMainFrame || !sender.frameUrl) return false;
  return sameApp(sender.frameUrl, trusted.appUrl);
}

/** The same document of our app: same file for file: URLs, same origin for the dev server. */
export function sameApp(url: string, appUrl: string): boolean {
  let page: URL;
  let app: URL;
  try {
    page = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return page.protocol === 'file:' && page.host === app.host && page.pathname === app.pathname;
  if (app.protocol === 'http:' && (app.hostname === 'localhost' || app.hostname === '127.0.0.1')) return page.origin === app.origin;
  return false;
}

/** Links the page asks to open go to the system browser, and only https: ones. */
export function openExternalAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The page never navigates away from the app; moving within it (the hash) is not a navigation. */
export function navigationAllowed(url: string, appUrl: string): boolean {
  return sameApp(url, appUrl);
}
