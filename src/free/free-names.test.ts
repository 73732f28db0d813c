import { afterEach, describe, expect, it } from 'vitest';
import { chan, dumpTasks, go, InterleaveError, Mutex, watchdog } from '../index.js';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('object names in free mode', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    stop = null;
  });

  it("should show a named object in the watchdog's dump, and an unnamed one as before", async () => {
    stop = watchdog();
    const jobs = chan<number>(0, { name: 'jobs' });
    const plain = chan<number>();
    const mu = new Mutex({ name: 'state' });
    expect(jobs.label).toMatch(/^chan#\d+ \(jobs\)$/);
    expect(plain.label).toMatch(/^chan#\d+$/);
    await mu.lock();
    go(async function receiver() {
      await jobs.recv();
    });
    go(async function locker() {
      await mu.lock();
      mu.unlock();
    });
    await tick();
    const d = dumpTasks();
    expect(d).toMatch(/chan#\d+ \(jobs\)\.recv\(\)/);
    expect(d).toMatch(/Mutex#\d+ \(state\)\.lock\(\)/);
    await jobs.send(1);
    mu.unlock();
    await tick();
    expect(dumpTasks()).not.toContain('goroutine');
  });

  it('should refuse a bad name in free mode too', () => {
    expect(() => new Mutex({ name: '\u0000' })).toThrow(InterleaveError);
    expect(() => chan(0, { name: '' })).toThrow('chan(): name must not be empty or blank');
  });
});
