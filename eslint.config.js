import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'models/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Stripping control characters from user input is deliberate.
      'no-control-regex': 'off',
    },
  },
  {
    // The hexagon's walls: the core knows no platform, queue or model runtime.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: ['discord.js', 'telegraf', 'bullmq', 'ioredis', '@huggingface/*', 'onnxruntime-*', '**/adapters/**', '**/queue/**', '**/model/**', '**/state/**'],
      }],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@huggingface/*', 'onnxruntime-*', '**/model/**'] }],
    },
  },
);
