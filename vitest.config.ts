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
      {
        find: /^interleave\/fast-check$/,
        replacement: fileURLToPath(new URL('./src/fast-check/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    // The spawned CLI is the compiled one: build dist/ if a source is newer.
    globalSetup: ['test/build-dist.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts', 'properties/**/*.test.ts'],
    // The slow checks run apart: `npm run test:slow` (vitest.slow.config.ts).
    exclude: ['**/*.slow.test.ts', 'node_modules/**', 'dist/**'],
    // Explorations are CPU-bound; two cores on CI. Vitest's default in run mode is the cores less
    // one, which on two cores runs the files one at a time.
    pool: 'forks',
    maxWorkers: 2,
    // Test files share a worker's module graph (interleave is loaded once per worker, not once per
    // file: 70 s of the suite's imports became 17 s). Every file must leave the runtime as it found
    // it, as a user's test files do in one Vitest worker.
    isolate: false,
    // Hang guards, not speed limits: no test may fail because the machine is busy (speed is the
    // benchmark's job), so they are minutes, far above any test's time on a loaded machine.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
