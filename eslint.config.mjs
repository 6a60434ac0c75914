import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'events'];

/**
 * Layering: renderer and main meet only in preload/contract; the contract imports nothing of the
 * app and nothing of Electron or Node; monaco-editor is imported only by renderer/editors/monaco.
 */
export const boundaryRules = [
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/editors/monaco/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/main'], message: 'The renderer may import preload/contract, never main.' },
            { group: ['electron', ...nodeBuiltins], message: 'The renderer has no Electron or Node access.' },
            { group: ['**/preload/index*'], message: 'The renderer talks to the preload only through window.api.' },
            { group: ['monaco-editor', 'monaco-editor/**'], message: 'Only renderer/editors/monaco imports monaco-editor.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/editors/monaco/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/main'], message: 'The renderer may import preload/contract, never main.' },
            { group: ['electron', ...nodeBuiltins], message: 'The renderer has no Electron or Node access.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/renderer'], message: 'Main may import preload/contract, never the renderer.' },
            { group: ['**/preload/index*'], message: 'Main may import preload/contract, not the preload script.' },
          ],
        },
      ],
    },
  },
  {
    // lib/ is shared by main (the sandbox) and the renderer, where it runs in a Web Worker: pure TypeScript that
    // imports nothing of the app, no Electron or Node module, and no package but `jmespath` and `fast-json-patch`
    // (lib/stream-config applies and diffs stream configurations exactly as the server's fast-json-patch does).
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer', '**/preload/**', '**/preload'], message: 'lib/ imports nothing of the app.' },
            { group: ['electron', ...nodeBuiltins], message: 'lib/ runs in a Web Worker: no Electron or Node module.' },
            { regex: '^(?!\\.{1,2}/|jmespath$|fast-json-patch$)', message: 'lib/ depends on no package but jmespath and fast-json-patch.' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', '**/main/**', '**/renderer/**'], message: 'The contract imports nothing of the app.' },
            { group: ['electron', ...nodeBuiltins], message: 'The contract imports no Electron or Node module.' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The sandbox's stand-in widget script runs in a browser page, served as-is (no bundling).
    files: ['main/sandbox/widget/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**/*.mjs', 'test/bench/**/*.mjs', '*.config.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Benchmarks also run functions inside the page (page.evaluate).
    files: ['test/bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  ...boundaryRules,
);
