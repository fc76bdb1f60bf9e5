// Builds the Svelte renderer into dist/renderer, with relative asset paths so the same
// build loads from browser mode's server and from Electron's file:// window.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  // Runes only (DESIGN.md): a component in legacy mode fails to compile.
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline polyfill script: the CSP allows our own files only.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: true,
  },
});
