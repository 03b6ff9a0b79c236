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
    // The hexagon's walls: the core knows no platform, queue or model runtime; command files import the core (not the
    // other way round); content reaches it as data loaded at start-up. test/unit/architecture.test.ts checks the same
    // walls on the import graph (re-exports and import() included).
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['discord.js', 'telegraf', 'bullmq', 'ioredis', '@huggingface/*', 'onnxruntime-*', '**/adapters/**', '**/queue/**', '**/model/**', '**/state/**'], message: 'The core knows no platform, queue, model runtime or store: add a port (src/core/ports.ts).' },
          { group: ['**/commands/**'], message: 'Command files import the core, never the other way round.' },
          { regex: '(^|/)locales/(?!en/ui\\.js$)', message: 'Content reaches the core as data loaded at start-up, not as imports.' },
          { regex: '(^|/)locales/en/ui\\.js$', allowTypeImports: true, message: 'Only `import type` of the English UI strings (for typed message keys).' },
        ],
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
