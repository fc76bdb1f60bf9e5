/** Where the built pieces are, seen from dist/main/app; the dev server's URL when electron-vite or vite serves the renderer. */
import { fileURLToPath, pathToFileURL } from 'node:url';

export const preloadPath = fileURLToPath(new URL('../../preload/index.cjs', import.meta.url));
export const iconPath = fileURLToPath(new URL('../../../build/icon.png', import.meta.url));

export function rendererUrl(env: NodeJS.ProcessEnv = process.env): string {
  const dev = env.ELECTRON_RENDERER_URL;
  if (dev && /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?/.test(dev)) return dev;
  return pathToFileURL(fileURLToPath(new URL('../../renderer/index.html', import.meta.url))).href;
}
