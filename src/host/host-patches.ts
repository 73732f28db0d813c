import { captureConsole } from './console-capture.js';
import { seedCrypto } from './crypto-seed.js';
import { Rng } from '../base/rng.js';
import type { ExplorerRuntime } from '../runtime/explorer-runtime.js';

/** The run whose seed Math.random and crypto draw from, and its generator once first used. */
interface SeededRun {
  readonly rt: ExplorerRuntime;
  rng: Rng | null;
}

/** The run in flight whose host is patched (patchHost), or null: the host's own randomness. */
let seeded: SeededRun | null = null;

/** The generator of the run in flight, or null outside a run. Built on first use: an Rng costs 16 mixes. */
function seededRng(): Rng | null {
  const s = seeded;
  if (s === null) return null;
  return (s.rng ??= new Rng(s.rt.options.seed, s.rt.options.run + 0x5eed));
}

/**
 * What runs replace in the host, installed once per exploration (explore's exclusive section):
 * Math.random and crypto's random values draw from the run in flight's seeded generator, so that a
 * seed replays a run byte for byte; between runs and outside them they are the host's own. Installing
 * them per run cost a property redefinition each (~5% of an empty run). Returns the uninstaller.
 */
export function installHostPatches(): () => void {
  const savedRandom = Math.random;
  Math.random = () => {
    const rng = seededRng();
    return rng === null ? savedRandom() : rng.nextFloat();
  };
  const restoreCrypto = seedCrypto(seededRng);
  return () => {
    Math.random = savedRandom;
    restoreCrypto();
    seeded = null;
  };
}

/**
 * What one run patches while it is in flight: the host's randomness follows its seed (through the
 * exploration's patches, installHostPatches), and console output is recorded into the trace (when
 * recording). Returns the function that puts the host back. The explorer hands it to each run it
 * makes (the runtime's HostInstaller).
 */
export function patchHost(rt: ExplorerRuntime): () => void {
  const mine: SeededRun = { rt, rng: null };
  seeded = mine;
  const recorder = rt.recorder;
  const restoreConsole = recorder ? captureConsole(rt, recorder) : null;
  return () => {
    if (seeded === mine) seeded = null;
    restoreConsole?.();
  };
}
