import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:slow`: the checks that truly need minutes (Go's 10,000-goroutine chain, the benchmark
 * run end to end), named `*.slow.test.ts`. `.ci/run` runs them after `npm test`.
 */
export default defineConfig({
  resolve: base.resolve,
  test: { ...base.test, include: ['**/*.slow.test.ts'], exclude: ['node_modules/**', 'dist/**'] },
});
