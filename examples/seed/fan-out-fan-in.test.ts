import { explore, WaitReason } from 'interleave';
import { describe, expect, it } from 'vitest';
import { dump, siteOf } from './dump.js';
import { fanOutFanIn, mergeEarlyStop } from './fan-out-fan-in.js';
import { captureStdout } from './fmt.js';

const SEED = 23;

describe('examples/seed/fan-out-fan-in', () => {
  it(`should find nothing and print 4 and 9 in both orders across runs (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(fanOutFanIn);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(new Set(outputs)).toEqual(new Set(['4\n9\n', '9\n4\n']));
  });

  it(`should find five tasks leaked when the consumer of merge stops after one value (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(mergeEarlyStop);
    const r = await explore(program, { runs: 200, seed: SEED, findAll: true });
    // The first value depends on the schedule; the leak does not: one distinct finding.
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('leak');
    expect(f.message).toBe('leak: 5 tasks blocked forever after main returned');
    // Go's dump after the early stop: 2 gen [chan send], 2 merge outputs [chan send], the closer
    // [semacquire] (Go 1.19; newer Go says sync.WaitGroup.Wait).
    const genSend = siteOf('pipeline.ts', 'await out.send(n);');
    const outputSend = siteOf('fan-out-fan-in.ts', 'await out.send(v);');
    expect(dump(f)).toEqual([
      `gen blocked [${WaitReason.chanSend}] ${genSend}`,
      `gen blocked [${WaitReason.chanSend}] ${genSend}`,
      `merge.closer blocked [${WaitReason.waitGroupWait}] ${siteOf('fan-out-fan-in.ts', 'await wg.wait();')}`,
      `merge.output blocked [${WaitReason.chanSend}] ${outputSend}`,
      `merge.output blocked [${WaitReason.chanSend}] ${outputSend}`,
    ]);
    expect(new Set(outputs)).toEqual(new Set(['first value: 1\n', 'first value: 4\n']));
  });
});
