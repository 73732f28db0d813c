import { explore, WaitReason } from 'interleave';
import { describe, expect, it } from 'vitest';
import { dump, siteOf } from './dump.js';
import { captureStdout } from './fmt.js';
import { teeCancel, teeUsage } from './tee.js';

const SEED = 17;
const teeSelect = siteOf('tee.ts', 'const r = await select([');
const orDoneInnerSelect = siteOf(
  'tee.ts',
  'await select([{ send: valStream, value: r.value as T }, { recv: done }]);',
);

describe('examples/seed/tee', () => {
  it(`should find the usage's deadlock after "c1: 0" in every schedule (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(teeUsage);
    const r = await explore(program, { runs: 200, seed: SEED, findAll: true });
    expect(r.runs).toBe(200);
    // One distinct finding, whatever the schedule: Go's own dump agrees in 200 runs of 200.
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('deadlock');
    expect(f.message).toBe('fatal error: all goroutines are asleep - deadlock!');
    // tee has sent 0 to c1 and waits to send it to c2 (c1 is nil now); nobody reads c2.
    const tee = f.tasks.find((t) => t.name === 'tee')!;
    expect(tee.state).toBe('blocked');
    expect(tee.waitReason).toBe(WaitReason.select);
    // Go's dump: main [chan receive], generator [chan send], tee [select], orDone [select].
    expect(dump(f)).toEqual([
      `generator blocked [${WaitReason.chanSend}] ${siteOf('tee.ts', 'await in_.send(i);')}`,
      `main blocked [${WaitReason.chanReceive}] ${siteOf('tee.ts', 'for await (const x of c1) {')}`,
      `orDone blocked [${WaitReason.select}] ${orDoneInnerSelect}`,
      `tee blocked [${WaitReason.select}] ${teeSelect}`,
    ]);
    expect(new Set(outputs)).toEqual(new Set(['c1: 0\n']));
  });

  it(`should find tee leaked in its inner select when the consumer cancels (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(teeCancel);
    const r = await explore(program, { runs: 200, seed: SEED, findAll: true });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('leak');
    expect(f.message).toBe('leak: 1 task blocked forever after main returned');
    // orDone and the generator honour done and exit; tee's `select { case c1 <- val: case c2 <- val: }`
    // has no `case <-done:`, and it still owes value 1 to c2.
    expect(dump(f)).toEqual([`tee blocked [${WaitReason.select}] ${teeSelect}`]);
    expect(new Set(outputs)).toEqual(new Set(['c1: 0\nc2: 0\nc1: 1\n']));
  });
});
