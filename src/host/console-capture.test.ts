import { afterEach, describe, expect, it, vi } from 'vitest';
import { chan, explore } from '../index.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an exploration's console output", () => {
  // Prints in every run; with `deadlock`, every run then deadlocks.
  const chatty = (deadlock: boolean) => async (): Promise<void> => {
    console.log('hello', 1);
    console.error('oops');
    if (deadlock) await chan<number>().recv();
  };

  it('should be printed in every run by default (print)', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await explore(chatty(false), { runs: 4 });
    expect(r.findings).toEqual([]);
    expect(log.mock.calls).toEqual(Array.from({ length: 4 }, () => ['hello', 1]));
    expect(error).toHaveBeenCalledTimes(4);
  });

  it("should not be printed with quiet, yet stay in the finding's trace, and be printed again after", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const clean = await explore(chatty(false), { runs: 4, console: 'quiet' });
    expect(clean.findings).toEqual([]);
    const r = await explore(chatty(true), { runs: 4, console: 'quiet' });
    expect(log).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    const logged = r.findings[0]!.trace.events.filter((e) => e.event === 'ConsoleLogged');
    expect(logged.map((e) => [e.obj, e.detail])).toEqual([
      ['log', 'hello 1'],
      ['error', 'oops'],
    ]);
    console.log('after');
    expect(log.mock.calls).toEqual([['after']]);
  });

  it('should refuse a console mode it does not know, naming the option', async () => {
    await expect(explore(chatty(false), { console: 'loud' as 'quiet' })).rejects.toThrow(
      `option console must be 'print' or 'quiet', got "loud"`,
    );
  });
});
