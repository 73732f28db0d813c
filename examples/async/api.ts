/**
 * The two calls the corpus uses from interleave's plain-async API, `scheduled()` (fake I/O whose
 * completion is a scheduling choice) and `spawn()` (a concurrent caller as a task of its own).
 * interleave's own versions are being added to the package: once it exports them they are used
 * here; until then stand-ins that behave as the real ones do outside an exploration (they simply
 * call `fn`) keep the corpus compiling. When the package exports them this file becomes a re-export.
 */
import * as interleave from 'interleave';

type Scheduled = <A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  options: { name: string },
) => (...args: A) => Promise<R>;
type Spawn = <T>(fn: () => Promise<T>) => Promise<T>;

const exported = interleave as unknown as { scheduled?: Scheduled; spawn?: Spawn };

/** Whether the package's own scheduled() and spawn() are in use (the corpus test asks). */
export const explorable = exported.scheduled !== undefined && exported.spawn !== undefined;

export const scheduled: Scheduled = exported.scheduled ?? ((fn) => fn);

export const spawn: Spawn = exported.spawn ?? ((fn) => fn());
