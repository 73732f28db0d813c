import path from 'node:path';
import { inject } from 'vitest';
import type { ExploreOptions } from '../explore/options.js';
import type { InterleaveProvided } from './plugin.js';
import { PROVIDE_KEY } from './plugin.js';

/** Per-test options of `itExplores`: any explore() option, and the plugin's own. */
export interface ItExploresOptions extends ExploreOptions {
  /** Vitest's timeout for this test in ms (explorations queue, so waiting counts). */
  timeout?: number;
  reportsDir?: string;
  replayFirst?: boolean;
}

export interface Settings {
  readonly explore: ExploreOptions;
  readonly root: string;
  /** Absolute. */
  readonly reportsDir: string;
  readonly replayFirst: boolean;
}

/** The plugin's provided defaults, or none when the plugin is not installed. */
function provided(): InterleaveProvided | undefined {
  try {
    return inject(PROVIDE_KEY);
  } catch {
    return undefined;
  }
}

/** The project defaults overlaid with the test's own options. */
export function settingsFor(options: ItExploresOptions = {}): Settings {
  const p = provided();
  const root = p?.root ?? process.cwd();
  const merged: ItExploresOptions = { ...(p?.defaults ?? {}), ...defined(options) };
  const { timeout: _t, reportsDir = 'reports', replayFirst = true, ...explore } = merged;
  return { explore, root, reportsDir: path.resolve(root, reportsDir), replayFirst };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
