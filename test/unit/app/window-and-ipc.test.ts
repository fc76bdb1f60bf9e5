import { describe, expect, it } from 'vitest';
import { isTrustedSender, navigationAllowed, openExternalAllowed, sameApp } from '../../../src/main/app/trusted-sender.js';
import { windowOptions } from '../../../src/main/app/window-options.js';

const appUrl = 'file:///opt/procpool/dist/renderer/index.html';
const trusted = { webContentsId: 7, appUrl };

describe('the window options (Electron security checklist)', () => {
  it('isolates the page: context isolation, sandbox, no Node anywhere, no webview, web security on', () => {
    const options = windowOptions({ preload: '/opt/procpool/dist/preload/index.cjs', dark: false });
    expect(options.webPreferences).toEqual({
      preload: '/opt/procpool/dist/preload/index.cjs',
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
    });
    expect(options.show).toBe(false);
    expect(windowOptions({ preload: '/p', dark: true }).backgroundColor).toBe('#15181d');
  });
});

describe('the IPC sender check', () => {
  it("accepts our window's main frame showing our page", () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: appUrl, isMainFrame: true }, trusted)).toBe(true);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: `${appUrl}#/workers`, isMainFrame: true }, trusted)).toBe(true);
  });

  it('refuses other windows, subframes, gone frames and other pages', () => {
    expect(isTrustedSender({ webContentsId: 8, frameUrl: appUrl, isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: appUrl, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: undefined, isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://example.com/', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'not a url', isMainFrame: true }, trusted)).toBe(false);
  });

  it('trusts the dev server by origin, and only on localhost', () => {
    expect(sameApp('http://localhost:5173/#/jobs', 'http://localhost:5173/')).toBe(true);
    expect(sameApp('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(sameApp('http://example.com/', 'http://example.com/')).toBe(false);
  });

  it('denies navigation away and opens only https: links outside', () => {
    expect(navigationAllowed('https://example.com/', appUrl)).toBe(false);
    expect(navigationAllowed(`${appUrl}#/settings`, appUrl)).toBe(true);
    expect(openExternalAllowed('https://procpool.dev/docs')).toBe(true);
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'nonsense']) expect(openExternalAllowed(url)).toBe(false);
  });
});
