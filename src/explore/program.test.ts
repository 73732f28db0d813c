import { describe, expect, it } from 'vitest';
import { InterleaveError } from '../base/errors.js';
import { explore } from './explore.js';
import { isProgram, program, toProgram } from './program.js';

/*
 * A program: a main function and the options it is explored with by default, branded so that
 * `interleave check` can tell programs among a module's exports.
 */

describe('program', () => {
  it('should wrap a main function with its options, recognisable among other exports', () => {
    const main = async (): Promise<void> => {};
    const p = program(main, { runs: 7 });
    expect(p.main).toBe(main);
    expect(p.options).toEqual({ runs: 7 });
    expect(program(main).options).toEqual({});
    expect(isProgram(p)).toBe(true);
    for (const other of [main, { main, options: {} }, null, undefined, 'program', 3]) {
      expect(isProgram(other)).toBe(false);
    }
  });

  it('should recognise a program made by another copy of interleave (a global symbol brand)', () => {
    const foreign = { [Symbol.for('interleave.program')]: true, main: () => {}, options: {} };
    expect(isProgram(foreign)).toBe(true);
  });

  it('should refuse a main that is not a function', () => {
    expect(() => program('main' as never)).toThrow(InterleaveError);
    expect(() => program(42 as never)).toThrow('program() takes a main function, got number');
  });

  it('should turn a main function into a program, keep a program, and refuse anything else', () => {
    const p = program(() => {}, { seed: 2 });
    expect(toProgram(p)).toBe(p);
    const main = (): void => {};
    const wrapped = toProgram(main);
    expect([isProgram(wrapped), wrapped.main, wrapped.options]).toEqual([true, main, {}]);
    expect(() => toProgram({} as never)).toThrow('explore() takes a program(...) or a main function');
  });

  it("should be explored with its own options, explore()'s options winning", async () => {
    let calls = 0;
    const p = program(
      async () => {
        calls++;
      },
      { runs: 4 },
    );
    expect((await explore(p)).runs).toBe(4);
    expect((await explore(p, { runs: 2 })).runs).toBe(2);
    expect(calls).toBe(6);
  });
});
