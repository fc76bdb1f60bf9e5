/**
 * Every web contents stays on our app: no navigation away, no new windows (https: links open
 * in the system browser), no <webview>, no permission granted when asked nor reported as
 * granted when checked; and the CSP is sent as a header too (it also sits in index.html's
 * meta tag, which is what applies over file://).
 */
import { session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp.js';
import { navigationAllowed, openExternalAllowed } from './trusted-sender.js';

export function guardSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Checks too (what the page may query without asking: clipboard, notifications, …).
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
}

export function guardContents(contents: WebContents, appUrl: () => string): void {
  contents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(url, appUrl())) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!navigationAllowed(url, appUrl())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (openExternalAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
