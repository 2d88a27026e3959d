import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The pure core (sim, control, analysis) may not import React, three, onnxruntime or the DOM. */
const pureCoreBan = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', 'three', 'three/*', '@react-three/*'],
      message: 'The pure core imports no rendering code.',
    },
    {
      group: ['onnxruntime-web', 'onnxruntime-*'],
      message: 'The pure core imports no inference runtime.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'tmp',
      'training/data',
      'training/work',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/sim/**', 'src/control/**', 'src/analysis/**'],
    rules: {
      'no-restricted-imports': ['error', pureCoreBan],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator'],
    },
  },
  {
    // Command-line tools print their results.
    files: ['scripts/**', 'training/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
