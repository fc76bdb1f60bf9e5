/** Where the built pieces are, seen from dist/main/app; the dev server's URL when electron-vite or vite serves the renderer. */
import { fileURLToPath, pathToFileURL } from 'node:url';

export const preloadPath = fileURLToPath(new URL('../../preload/index.cjs', import.meta.url));
export const iconPath = fileURLToPath(new URL('../../../build/icon.png', import.meta.url));

/**
 * The page the trusted window loads (it gets the whole API). `ELECTRON_RENDERER_URL` points
 * it at a dev server, in development only: in a packaged app an environment variable must
 * not choose what the window trusts.
 */
export function rendererUrl(env: NodeJS.ProcessEnv, packaged: boolean): string {
  const dev = env.ELECTRON_RENDERER_URL;
  if (!packaged && dev && /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?/.test(dev)) return dev;
  return pathToFileURL(fileURLToPath(new URL('../../renderer/index.html', import.meta.url))).href;
}
