// Unit tier: pure TypeScript in Node, no GPU.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/*.gpu.test.ts', '**/*.python.test.ts', 'node_modules/**'],
  },
});
