import { captureConsole } from './console-capture.js';
import { seedCrypto } from './crypto-seed.js';
import type { Recorder } from '../runtime/recorder.js';
import { Rng } from '../base/rng.js';
import type { Runtime } from '../runtime/runtime.js';

/**
 * What a run replaces in the host while it is in flight, so that a seed replays it byte for byte:
 * Math.random and crypto's random values come from the run's seed, and console output is recorded
 * into the trace (when recording). Returns the function that puts the host back.
 */
export function patchHost(rt: Runtime, recorder: Recorder | null, seed: number, run: number): () => void {
  // Built on first use: most programs never call Math.random, and an Rng costs 16 mixes.
  let rng: Rng | null = null;
  const runRng = (): Rng => (rng ??= new Rng(seed, run + 0x5eed));
  const savedRandom = Math.random;
  Math.random = () => runRng().nextFloat();
  const restoreConsole = recorder ? captureConsole(rt, recorder) : null;
  const restoreCrypto = seedCrypto(rt, runRng);
  return () => {
    Math.random = savedRandom;
    restoreConsole?.();
    restoreCrypto();
  };
}
