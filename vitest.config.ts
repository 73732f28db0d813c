import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The package imports itself by name in examples and tests, as a user's code would.
    alias: [
      { find: /^interleave$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      {
        find: /^interleave\/vitest$/,
        replacement: fileURLToPath(new URL('./src/vitest/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    // The spawned CLI is the compiled one: build dist/ if a source is newer.
    globalSetup: ['test/build-dist.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts', 'properties/**/*.test.ts'],
    // Explorations are CPU-bound; two cores on CI.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
