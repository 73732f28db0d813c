import { describe, expect, it } from 'vitest';
import { InterleaveError } from '../base/errors.js';
import { DfsStrategy } from '../strategies/dfs.js';
import { DporStrategy } from '../strategies/dpor/dpor.js';
import { PctStrategy } from '../strategies/pct.js';
import { PortfolioStrategy } from '../strategies/portfolio.js';
import { RandomStrategy } from '../strategies/random.js';
import { ScriptedStrategy } from '../strategies/scripted.js';
import { DEFAULTS, makeStrategy, resolveOptions, STRATEGY_NAMES, type ExploreOptions } from './options.js';

/*
 * explore()'s options: defaults filled in, anything malformed refused with an InterleaveError naming
 * the option and what it got, and the strategy built from its name and the options it reads.
 * (explore.test.ts checks that explore() itself refuses bad options.)
 */

describe('resolveOptions', () => {
  it('should fill in the defaults, and let an option given as undefined keep its default', () => {
    expect(resolveOptions()).toEqual(DEFAULTS);
    expect(resolveOptions({ runs: undefined, seed: 4 })).toEqual({ ...DEFAULTS, seed: 4 });
    expect(DEFAULTS).toMatchObject({
      runs: 100,
      seed: 1,
      strategy: 'random',
      maxSteps: 200_000,
      livelockSteps: 5_000,
      graceSteps: 1_000,
      graceTime: 60_000_000_000,
      mode: 'test',
      compat: 'auto',
      timeJumps: 'due',
      shrink: true,
      race: true,
      console: 'print',
    });
  });

  it('should refuse a count that is not an integer at or above its minimum, naming it', () => {
    const bad: [ExploreOptions, string][] = [
      [{ seed: -1 }, 'option seed must be an integer ≥ 0, got -1'],
      [{ maxSteps: 0 }, 'option maxSteps must be an integer ≥ 1, got 0'],
      [{ livelockSteps: 2.5 }, 'option livelockSteps must be an integer ≥ 1, got 2.5'],
      [{ maxUnfairSteps: -1 }, 'option maxUnfairSteps must be an integer ≥ 0, got -1'],
      [{ pctDepth: 0 }, 'option pctDepth must be an integer ≥ 1, got 0'],
      [{ preemptionBound: -1 }, 'option preemptionBound must be an integer ≥ 0, got -1'],
      [{ graceSteps: '5' as never }, 'option graceSteps must be an integer ≥ 0, got "5"'],
      [{ graceTime: Number.NaN }, 'option graceTime must be an integer ≥ 0, got null'],
    ];
    for (const [options, message] of bad) {
      expect(() => resolveOptions(options)).toThrow(InterleaveError);
      expect(() => resolveOptions(options)).toThrow(message);
    }
    expect(resolveOptions({ maxUnfairSteps: 0, graceSteps: 0, preemptionBound: 0 })).toMatchObject({
      maxUnfairSteps: 0,
      graceSteps: 0,
      preemptionBound: 0,
    });
  });

  it('should refuse a word outside its choices, listing them', () => {
    expect(() => resolveOptions({ timeJumps: 'some' as never })).toThrow(
      `option timeJumps must be 'due' or 'any', got "some"`,
    );
    expect(() => resolveOptions({ compat: true as never })).toThrow(
      `option compat must be 'auto', 'on' or 'off', got true`,
    );
    expect(() => resolveOptions({ console: 'silent' as never })).toThrow(
      `option console must be 'print' or 'quiet', got "silent"`,
    );
    expect(() => resolveOptions({ strategy: 'bfs' as never })).toThrow(
      `unknown strategy 'bfs'; available: ${STRATEGY_NAMES.join(', ')}`,
    );
  });

  it('should refuse an unknown option, listing the options', () => {
    expect(() => resolveOptions({ seeds: 3 } as never)).toThrow(
      `unknown option 'seeds'; the options are: ${Object.keys(DEFAULTS).join(', ')}`,
    );
  });

  it('should take a part whose index is below its count, and refuse others', () => {
    expect(resolveOptions({ part: { index: 2, count: 3 } }).part).toEqual({ index: 2, count: 3 });
    expect(() => resolveOptions({ part: { index: 3, count: 3 } })).toThrow(
      'option part: index 3 is not below count 3 (0-based)',
    );
    expect(() => resolveOptions({ part: { index: 0, count: 0 } })).toThrow(
      'option part.count must be an integer ≥ 1, got 0',
    );
    expect(() => resolveOptions({ part: { index: -1, count: 2 } })).toThrow(
      'option part.index must be an integer ≥ 0, got -1',
    );
  });
});

describe('makeStrategy', () => {
  it('should build each named strategy with the options it reads', () => {
    const make = (o: ExploreOptions) => makeStrategy(resolveOptions({ seed: 6, runs: 9, ...o }));
    const random = make({});
    expect(random).toBeInstanceOf(RandomStrategy);
    expect(random.params).toEqual({ seed: 6 });
    const pct = make({ strategy: 'pct', pctDepth: 4 });
    expect(pct).toBeInstanceOf(PctStrategy);
    expect(pct.params).toEqual({ seed: 6, depth: 4 });
    expect(make({ strategy: 'dfs' })).toBeInstanceOf(DfsStrategy);
    expect(make({ strategy: 'dfs' }).params).toEqual({}); // no bound
    expect(make({ strategy: 'dfs', preemptionBound: 1 }).params).toEqual({ preemptionBound: 1 });
    const dpor = make({ strategy: 'dpor', preemptionBound: 2 });
    expect(dpor).toBeInstanceOf(DporStrategy);
    expect(dpor.params).toEqual({ preemptionBound: 2 });
    const portfolio = make({ strategy: 'portfolio' });
    expect(portfolio).toBeInstanceOf(PortfolioStrategy);
    expect(portfolio.params).toEqual({ seed: 6 });
  });

  it('should bound a random exploration by its runs, and pass a Strategy object through as it is', () => {
    const random = makeStrategy(resolveOptions({ runs: 2 }));
    expect([random.beginRun(1), random.beginRun(2)]).toEqual([true, false]);
    const mine = new ScriptedStrategy([1, 0]);
    expect(makeStrategy(resolveOptions({ strategy: mine }))).toBe(mine);
  });
});
