// Lint, and the layering rule of DESIGN.md: each environment imports only what it may, and
// inside main/ each layer only the layers below it (docs/ARCHITECTURE.md draws them).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const node = { group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'this layer runs in every host: no Node modules' };
const electron = { group: ['electron'], message: 'only src/main/app and src/preload may import electron' };
const mainCode = { group: ['**/main/*', '**/main/**'], message: 'this layer may not import main/ code' };
const notMessages = { group: ['**/renderer/**', '**/workers/**'], message: 'main talks to workers and the renderer through messages, not imports' };

/**
 * main/'s layers, lowest first: each may import those before it, never those after it.
 * cluster runs a Pool's tasks elsewhere (a PoolExecutor), so it sits on pool; pool reaches
 * it only through a dynamic import(), when a pool asks for it.
 */
const mainLayers = ['pool', 'cluster', 'sync', 'state', 'jobs', 'api'];
const layerRules = mainLayers.map((layer, index) => ({
  files: [`src/main/${layer}/**`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          electron,
          notMessages,
          ...mainLayers.slice(index + 1).map((above) => ({
            group: [`../${above}/*`, `../../${above}/*`],
            message: `main/${layer} sits below main/${above} (pool ← cluster ← sync ← state ← jobs ← api): pass what it needs in instead`,
          })),
        ],
      },
    ],
  },
}));

/** The type-checked rules, where a file belongs to one of the TypeScript projects. */
const typeChecked = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
  '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.renderer.json', './tsconfig.electron.json', './tsconfig.preload.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'max-lines': ['error', { max: 400 }],
      ...typeChecked,
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // The stores replace a Map or Set wholesale ($state.raw) when it changes; the ones they
    // change in place are indexes nobody draws from, so Svelte's reactive copies would only cost.
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  { files: ['src/renderer/**', 'src/preload/**', 'test/e2e/**'], languageOptions: { globals: { ...globals.browser } } },
  // Configuration files belong to no project: linted without types.
  { files: ['*.js', '*.ts', 'bin/**', 'scripts/**/*.js', 'bench/**/*.js', 'bench/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['src/shared/**'], rules: { 'no-restricted-imports': ['error', { patterns: [node, electron, mainCode, { group: ['**/workers/**', '**/renderer/**'], message: 'shared imports nothing but shared' }] }] } },
  { files: ['src/main/**'], ignores: ['src/main/app/**'], rules: { 'no-restricted-imports': ['error', { patterns: [electron, notMessages] }] } },
  ...layerRules,
  { files: ['src/workers/**'], rules: { 'no-restricted-imports': ['error', { patterns: [electron, mainCode] }] } },
  { files: ['src/renderer/**'], rules: { 'no-restricted-imports': ['error', { patterns: [node, electron, mainCode] }] } },
  { files: ['src/preload/**'], rules: { 'no-restricted-imports': ['error', { patterns: [node, mainCode, { group: ['**/renderer/**', '**/workers/**'], message: 'the preload bridges to shared/ API shapes only' }] }] } },
  { files: ['test/**', 'bench/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
