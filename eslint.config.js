import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'tmp', 'bench/results', 'coverage', 'dist', '**/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', performance: 'readonly', structuredClone: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly', crypto: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/kernel/**/*.ts', 'src/dialogue/**/*.ts', 'src/retrieval/**/*.ts', 'src/answer/**/*.ts', 'src/store/**/*.ts', 'src/ingest/**/*.ts'],
    rules: {
      // Below the channels nothing knows a platform SDK (DESIGN.md); tests/architecture.test.ts
      // checks the folder layers themselves.
      'no-restricted-imports': ['error', { paths: ['botbuilder', '@slack/bolt', 'grammy', 'express'], patterns: ['botbuilder*', '@slack/*', 'grammy/*', '@grammyjs/*'] }],
    },
  },
  {
    files: ['src/dialogue/**/*.ts', 'src/kernel/**/*.ts'],
    rules: {
      // The dialogue talks to storage and models through interfaces the composition root wires.
      'no-restricted-imports': [
        'error',
        {
          paths: ['botbuilder', '@slack/bolt', 'grammy', 'express', 'pg', '@electric-sql/pglite'],
          patterns: ['botbuilder*', '@slack/*', 'grammy/*', '@grammyjs/*', '@langchain/*', '**/store/*'],
        },
      ],
    },
  },
  {
    files: ['adapters/**/*.ts'],
    rules: {
      // Adapters translate; SQL lives in src/store.
      'no-restricted-imports': ['error', { paths: ['pg', '@electric-sql/pglite'], patterns: ['**/src/store/*'] }],
    },
  },
);
