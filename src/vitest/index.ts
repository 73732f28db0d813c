/**
 * interleave/vitest: explore schedules from Vitest tests.
 * - `itExplores(name, main, options?)`: a test whose body runs under the explorer;
 * - `interleaveFixtures`: an `explore` fixture for Vitest's `test.extend`;
 * - matchers on explore()'s result: `toHaveNoFindings`, `toDeadlock`, `toLeak`, `toRace`;
 * - `interleavePlugin(defaults)`: project-wide defaults in vitest.config.
 */
import { expect } from 'vitest';
import { matchers } from './matchers.js';

expect.extend(matchers);

export { interleavePlugin, type InterleaveDefaults, type InterleaveProvided } from './plugin.js';
export type { ItExploresOptions } from './settings.js';
export {
  itExplores,
  interleaveFixtures,
  InterleaveFindingError,
  type ItExplores,
  type Explorable,
  type ExploreFixture,
} from './it-explores.js';
export { matchers } from './matchers.js';
export { REPLAY_ENV } from './report.js';
