import { describe, expect, it } from 'vitest';
import { chan, explore, go, program } from 'interleave';
import 'interleave/vitest';

const deadlock = async (): Promise<void> => {
  const ch = chan<number>();
  go(() => ch.recv(), 'receiver');
  await ch.send(1);
  await ch.send(2);
};
const leak = async (): Promise<void> => {
  const ch = chan<number>();
  go(() => ch.send(1), 'stuck sender');
};
const clean = async (): Promise<void> => {
  const ch = chan<number>();
  go(() => ch.send(1), 'sender');
  await ch.recv();
};

const failure = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the assertion passed');
};

describe('interleave/vitest matchers (seed 3)', () => {
  it('should pass toHaveNoFindings on a clean exploration and say so under .not', async () => {
    const r = await explore(clean, { runs: 20, seed: 3 });
    expect(r).toHaveNoFindings();
    expect(failure(() => expect(r).not.toHaveNoFindings())).toBe(
      'expected findings, but 20 runs (seed 3, strategy random) found none',
    );
  });

  it('should show the verdict, the dump, the interleaving and the replay line when findings were not expected', async () => {
    const r = await explore(deadlock, { runs: 20, seed: 3 });
    const msg = failure(() => expect(r).toHaveNoFindings());
    await expect(msg).toMatchFileSnapshot('__snapshots__/toHaveNoFindings.deadlock.txt');
    expect(msg).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(msg).toMatch(/goroutine 1 \(main\) \[chan send\]:\n\ttest\/vitest\/matchers\.test\.ts:\d+/);
    expect(msg).toContain(`replay: ${r.findings[0]!.replay}`);
  });

  it('should match each kind, and say what was found instead', async () => {
    const d = await explore(deadlock, { runs: 20, seed: 3 });
    const l = await explore(leak, { runs: 20, seed: 3 });
    const c = await explore(clean, { runs: 20, seed: 3 });
    expect(d).toDeadlock();
    expect(l).toLeak();
    expect(l).not.toDeadlock();
    expect(c).not.toRace();
    expect(failure(() => expect(c).toDeadlock())).toBe(
      'expected a deadlock, but 20 runs (seed 3, strategy random) found nothing (more runs, another seed or findAll may find it)',
    );
    expect(failure(() => expect(l).toDeadlock())).toMatch(
      /^expected a deadlock in 1 run \(seed 3, strategy random\), found leak instead:\n\nleak in run 0 of 1, counted from 0 /,
    );
    expect(failure(() => expect(d).not.toDeadlock())).toMatch(
      /^expected no deadlock, found one:\n\ndeadlock in run/,
    );
    expect(failure(() => expect(c).toRace())).toContain('expected a data race');
  });

  it('should print the interleave replay command when the program has a locator', async () => {
    const located = program(leak, { program: { file: 'test/vitest/matchers.test.ts', export: 'leak' } });
    expect(failure(() => expect({ runs: 1 }).toHaveNoFindings())).toContain(
      'expected the result of explore()',
    );
    const r = await explore(located, { runs: 5 });
    expect(failure(() => expect(r).toHaveNoFindings())).toMatch(
      /replay: npx interleave replay 'il1\.[\w-]+'/,
    );
  });
});
