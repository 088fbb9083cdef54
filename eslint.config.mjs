// Lint for every workspace: typescript-eslint's recommended rules for TypeScript and scripts,
// eslint-plugin-svelte's for the apps. Formatting is Prettier's (`npm run format`), not ESLint's.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['**/node_modules/', '**/dist/', '.data/', 'loadtest/results/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a binding kept on purpose (a destructured field left out, an unused parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests and raw-SQL rows use `any` where a shape is asserted right after.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      // State classes keep some plain Maps and Dates on purpose (caches, timestamps nobody renders).
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['kiosk/src/**', 'dashboard/src/**', 'ui/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // k6 scripts run in k6's own runtime, not Node's.
    files: ['loadtest/k6/**'],
    languageOptions: { globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly', open: 'readonly' } },
  },
);
