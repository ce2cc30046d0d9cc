// Lint rules, including the layer rule: the engine imports no UI, store, React or zustand.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'public/', 'test-results*/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/engine is framework-free: no React.' },
            { group: ['zustand', 'zustand/*'], message: 'src/engine is framework-free: no zustand.' },
            { group: ['**/store', '**/store/**', '**/ui', '**/ui/**'], message: 'src/engine must not import from src/store or src/ui (imports only point down).' },
          ],
        },
      ],
    },
  },
  {
    // Exactly one module reads navigator.gpu; everything else is handed a GPU object.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/gpu/browser-gpu.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'navigator', property: 'gpu', message: 'Use browserGpu() from src/engine/gpu/browser-gpu.ts.' }],
    },
  },
);
