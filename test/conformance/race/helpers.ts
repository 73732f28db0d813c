/**
 * The harness of the race-detector conformance ports (Go's `src/runtime/race/testdata/*_test.go`,
 * see README.md in this folder). Each Go test becomes one `RaceCase`: a program and whether Go's
 * detector reports a race in it (`TestRace...`) or not (`TestNoRace...`).
 *
 * Agreement means: a racy case reports a `race` finding under DFS and in at least one of
 * `RANDOM_RUNS` random schedules; a race-free case reports no `race` finding on any schedule that
 * DFS or the random runs tried. Other findings (a leak of a goroutine Go leaves parked, say) are
 * ignored unless the case asks for a clean run: the detector is what is under test here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { explore, type ExploredFinding, type ExploreOptions } from '../../../src/index.js';

/** Random schedules tried per case (the N of "in at least one of N random schedules"). */
export const RANDOM_RUNS = 50;
/** DFS stops here if the tree is bigger; every case so far is far smaller. */
export const DFS_RUNS = 2_000;

export interface RaceCase {
  /** Go's test name, e.g. `TestRaceChanSync`. */
  readonly name: string;
  /** Whether Go's detector reports a race in it. */
  readonly race: boolean;
  readonly program: () => Promise<void>;
  /** Why the case is not run (listed in README.md), or absent. */
  readonly skip?: string;
  /** Extra exploration options (e.g. `{ mode: 'program' }` where Go lets main return early). */
  readonly options?: ExploreOptions;
}

interface Outcome {
  readonly dfs: readonly ExploredFinding[];
  readonly random: readonly ExploredFinding[];
  readonly complete: boolean | undefined;
}

async function exploreBoth(c: RaceCase): Promise<Outcome> {
  const common: ExploreOptions = { findAll: true, shrink: false, ...c.options };
  const dfs = await explore(c.program, { ...common, strategy: 'dfs', runs: DFS_RUNS });
  const random = await explore(c.program, { ...common, strategy: 'random', runs: RANDOM_RUNS, seed: 1 });
  const races = (fs: readonly ExploredFinding[]): ExploredFinding[] => fs.filter((f) => f.kind === 'race');
  return { dfs: races(dfs.findings), random: races(random.findings), complete: dfs.complete };
}

/**
 * One `describe` per Go file, one `it` per case; prints the agreement (`chan_test.go: 57/57 agree,
 * 2 skipped`) when the file is done.
 */
export function raceConformance(goFile: string, cases: readonly RaceCase[]): void {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate race case ${c.name} in ${goFile}`);
    names.add(c.name);
  }
  let agree = 0;
  let run = 0;
  describe(`Go's race tests: ${goFile}`, () => {
    for (const c of cases) {
      if (c.skip !== undefined) {
        it.skip(`${c.name} (skipped: ${c.skip})`, () => {});
        continue;
      }
      it(`${c.name}: ${c.race ? 'a race' : 'no race'}`, async () => {
        run++;
        const o = await exploreBoth(c);
        if (c.race) {
          expect(o.dfs.length, `${c.name}: DFS found no race (complete: ${o.complete})`).toBeGreaterThan(0);
          expect(
            o.random.length,
            `${c.name}: none of ${RANDOM_RUNS} random runs found the race`,
          ).toBeGreaterThan(0);
        } else {
          const lines = [...o.dfs, ...o.random].map((f) => `${f.message}\n${f.stack}\nreplay: ${f.replay}`);
          expect(lines, `${c.name}: a false race`).toEqual([]);
        }
        agree++;
      });
    }
    afterAll(() => {
      const skipped = cases.length - run;
      console.log(
        `race conformance ${goFile}: ${agree}/${run} agree with Go's detector` +
          (skipped > 0 ? `, ${skipped} skipped` : ''),
      );
    });
  });
}
