import { captureConsole } from './console-capture.js';
import { seedCrypto } from './crypto-seed.js';
import { Rng } from '../base/rng.js';
import type { ExplorerRuntime } from '../runtime/explorer-runtime.js';

/**
 * What a run replaces in the host while it is in flight, so that a seed replays it byte for byte:
 * Math.random and crypto's random values come from the run's seed, and console output is recorded
 * into the trace (when recording). Returns the function that puts the host back. The explorer
 * hands it to each run it makes (the runtime's HostInstaller).
 */
export function patchHost(rt: ExplorerRuntime): () => void {
  const { seed, run } = rt.options;
  const recorder = rt.recorder;
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
