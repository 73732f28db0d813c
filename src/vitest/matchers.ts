import type { ExpectationResult, MatcherState } from '@vitest/expect';
import type { FindingKind } from '../checker/findings.js';
import { FindingKinds } from '../checker/findings.js';
import type { ExploreResult, ExploredFinding } from '../explore/explore.js';
import { provenance, renderFailure } from './report.js';

function isResult(x: unknown): x is ExploreResult {
  return typeof x === 'object' && x !== null && Array.isArray((x as ExploreResult).findings);
}

function show(result: ExploreResult, f: ExploredFinding): string {
  const head = `${f.kind} ${provenance(result, f.run)}`;
  return `${head}\n\n${renderFailure({ finding: f, trace: f.trace, replay: f.replay, traceFile: null, rerun: null }, process.cwd())}`;
}

const runs = (n: number): string => `${n} run${n === 1 ? '' : 's'}`;

function notAResult(state: MatcherState, name: string, received: unknown): ExpectationResult {
  return {
    pass: false,
    message: () =>
      `${state.utils.matcherHint(name)}\n\nexpected the result of explore() ({ runs, findings, ... }), ` +
      `received ${state.utils.printReceived(received)}`,
  };
}

function toHaveNoFindings(this: MatcherState, received: unknown): ExpectationResult {
  if (!isResult(received)) return notAResult(this, '.toHaveNoFindings', received);
  const pass = received.findings.length === 0;
  const where = `${runs(received.runs)} (seed ${received.seed}, strategy ${received.strategy})`;
  return {
    pass,
    message: () =>
      pass
        ? `expected findings, but ${where} found none`
        : `expected no findings in ${where}, found ${received.findings.length}:\n\n` +
          received.findings.map((f) => show(received, f)).join('\n\n'),
  };
}

function findingOf(kind: FindingKind, name: string) {
  return function (this: MatcherState, received: unknown): ExpectationResult {
    if (!isResult(received)) return notAResult(this, name, received);
    const hit = received.findings.find((f) => f.kind === kind);
    const title = FindingKinds[kind].title;
    const where = `${runs(received.runs)} (seed ${received.seed}, strategy ${received.strategy})`;
    return {
      pass: hit !== undefined,
      message: () => {
        if (hit) return `expected no ${title}, found one:\n\n${show(received, hit)}`;
        if (received.findings.length === 0) {
          return `expected a ${title}, but ${where} found nothing (more runs, another seed or findAll may find it)`;
        }
        const others = received.findings.map((f) => show(received, f)).join('\n\n');
        return `expected a ${title} in ${where}, found ${received.findings.map((f) => f.kind).join(', ')} instead:\n\n${others}`;
      },
    };
  };
}

/** The matchers, for `expect.extend` (importing `interleave/vitest` registers them). */
export const matchers = {
  toHaveNoFindings,
  toDeadlock: findingOf('deadlock', '.toDeadlock'),
  toLeak: findingOf('leak', '.toLeak'),
  toRace: findingOf('race', '.toRace'),
};

declare module 'vitest' {
  interface Matchers<T = any> {
    /** The ExploreResult has no finding; else the message shows each, with its replay line. */
    toHaveNoFindings(): T;
    /** The exploration found a deadlock (`fatal error: all goroutines are asleep - deadlock!`). */
    toDeadlock(): T;
    /** The exploration found a leaked task. */
    toLeak(): T;
    /** The exploration found a data race. */
    toRace(): T;
  }
}
