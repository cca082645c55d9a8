import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'examples/**', '**/*.cjs', '**/*.mjs', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Processes start only in the runner; a shell string would defeat argument arrays.
      'no-restricted-imports': ['error', { paths: [{ name: 'child_process', message: 'Use src/core/runner.' }] }],
    },
  },
  { files: ['src/core/runner/**', 'test/**', 'bench/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off' } },
);
