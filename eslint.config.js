// Lint, and the layering rule of DESIGN.md: each environment imports only what it may.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = { group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'this layer runs in every host: no Node modules' };
const electron = { group: ['electron'], message: 'only src/main/app and src/preload may import electron' };
const mainCode = { group: ['**/main/*', '**/main/**'], message: 'this layer may not import main/ code' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/renderer/**/*.svelte', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', structuredClone: 'readonly', Buffer: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['src/shared/**'], rules: { 'no-restricted-imports': ['error', { patterns: [node, electron, mainCode, { group: ['**/workers/**', '**/renderer/**'], message: 'shared imports nothing but shared' }] }] } },
  { files: ['src/main/**'], ignores: ['src/main/app/**'], rules: { 'no-restricted-imports': ['error', { patterns: [electron, { group: ['**/renderer/**', '**/workers/**'], message: 'main talks to workers and the renderer through messages, not imports' }] }] } },
  { files: ['src/workers/**'], rules: { 'no-restricted-imports': ['error', { patterns: [electron, mainCode] }] } },
  { files: ['src/renderer/**'], rules: { 'no-restricted-imports': ['error', { patterns: [node, electron, mainCode] }] } },
  { files: ['src/preload/**'], rules: { 'no-restricted-imports': ['error', { patterns: [node, mainCode, { group: ['**/renderer/**', '**/workers/**'], message: 'the preload bridges to shared/ API shapes only' }] }] } },
  { files: ['test/**', 'bench/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
