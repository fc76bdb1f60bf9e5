// Bundles the preload into dist/preload/index.cjs: a sandboxed preload is one CommonJS file
// that may require only 'electron'.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./dist/preload', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    lib: { entry: fileURLToPath(new URL('./src/preload/index.ts', import.meta.url)), formats: ['cjs'], fileName: () => 'index.cjs' },
    rolldownOptions: { external: ['electron'] },
  },
});
