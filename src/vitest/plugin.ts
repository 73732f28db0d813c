import type { Plugin } from 'vitest/config';
import { resolveOptions, type ExploreOptions, type StrategyName } from '../explore/options.js';
import { rewriteAwaits, shouldRewrite } from '../transform/await-points.js';

/**
 * Options an itExplores test is explored with unless it says otherwise. They cross from Vitest's
 * main process to its workers (Vitest's `provide`), so they are plain data: a strategy by name,
 * no program locator (that belongs to one program).
 */
export interface InterleaveDefaults extends Omit<ExploreOptions, 'strategy' | 'program'> {
  strategy?: StrategyName;
  /** Where failing traces are written, relative to the project root (default `reports`). */
  reportsDir?: string;
  /** Replay a test's saved failing schedule before exploring it again (default true). */
  replayFirst?: boolean;
}

/** What the plugin provides to the workers: the defaults and the project root that paths hang from. */
export interface InterleaveProvided {
  readonly defaults: InterleaveDefaults;
  readonly root: string;
}

export const PROVIDE_KEY = 'interleave';

declare module 'vitest' {
  interface ProvidedContext {
    interleave: InterleaveProvided;
  }
}

/** Refuse a typo in vitest.config at startup, with the same message explore() would give. */
function validate(defaults: InterleaveDefaults): void {
  const { reportsDir, replayFirst, ...explore } = defaults;
  resolveOptions(explore);
  if (reportsDir !== undefined && (typeof reportsDir !== 'string' || reportsDir === '')) {
    throw new TypeError(
      `interleavePlugin: reportsDir must be a non-empty path, got ${JSON.stringify(reportsDir)}`,
    );
  }
  if (replayFirst !== undefined && typeof replayFirst !== 'boolean') {
    throw new TypeError(
      `interleavePlugin: replayFirst must be a boolean, got ${JSON.stringify(replayFirst)}`,
    );
  }
}

/**
 * The Vitest plugin: project-wide defaults for `itExplores` tests.
 *
 * ```ts
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config';
 * import { interleavePlugin } from 'interleave/vitest';
 * export default defineConfig({ plugins: [interleavePlugin({ runs: 500, seed: 42 })] });
 * ```
 */
export function interleavePlugin(defaults: InterleaveDefaults = {}): Plugin {
  validate(defaults);
  const data = JSON.parse(JSON.stringify(defaults)) as InterleaveDefaults;
  return {
    name: 'interleave',
    configureVitest({ project }) {
      project.provide(PROVIDE_KEY, { defaults: data, root: project.config.root });
    },
    // Test files and the project's own modules (not node_modules, not this library), after Vite
    // made them JavaScript: each plain await may be a switch point (transform/await-points.ts).
    transform(code, id) {
      if (!shouldRewrite(id)) return null;
      const rewritten = rewriteAwaits(code, id);
      return rewritten === null ? null : { code: rewritten.code, map: rewritten.map };
    },
  };
}
