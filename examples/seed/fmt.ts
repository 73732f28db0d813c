/**
 * Go's `fmt.Print`, `fmt.Println` and `fmt.Printf`, as far as the seed's examples use them, writing to a
 * per-run standard output that tests can read. An exploration runs a program hundreds of times, so
 * nothing reaches the terminal: output is kept only while a program wrapped by `captureStdout` runs.
 */
import { program, time, type Program } from 'interleave';

let sink: ((text: string) => void) | null = null;

function write(text: string): void {
  sink?.(text);
}

/** A value as Go's `%v` prints it (enough for ints, strings, errors and nil). */
function show(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof Error) return v.message;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      return JSON.stringify(v) ?? '?';
  }
}

/** `%v`, `%d`, `%s`, with an optional zero-padded width (`%02d`); `%%` is a percent sign. */
function sprintf(format: string, args: readonly unknown[]): string {
  let i = 0;
  return format.replace(/%(0?)(\d*)([vds%])/g, (_m, zero: string, width: string, verb: string) => {
    if (verb === '%') return '%';
    const s = show(args[i++]);
    return width ? s.padStart(Number(width), zero ? '0' : ' ') : s;
  });
}

export const fmt = {
  /** Operands joined by spaces, then a newline. */
  Println(...args: unknown[]): void {
    write(args.map(show).join(' ') + '\n');
  },
  /** Go adds a space between operands only when neither is a string. */
  Print(...args: unknown[]): void {
    let out = '';
    args.forEach((a, k) => {
      if (k > 0 && typeof a !== 'string' && typeof args[k - 1] !== 'string') out += ' ';
      out += show(a);
    });
    write(out);
  },
  Printf(format: string, ...args: unknown[]): void {
    write(sprintf(format, args));
  },
};

/**
 * Wrap `prog` so that each run's standard output is kept: `outputs[k]` is what the k-th run printed
 * (replays of failing schedules count as runs too). The wrapper's main is `prog.main`, so the runs
 * explore exactly the same schedules.
 *
 * With `clock: true`, each line starts with the virtual time it was printed at (`[1.2s] `), and a line
 * `[<t>] main returned` marks where a Go program would exit: what follows it is printed by tasks that
 * outlive main, which Go would never show.
 */
export function captureStdout(
  prog: Program,
  { clock = false }: { clock?: boolean } = {},
): { program: Program; outputs: string[] } {
  const outputs: string[] = [];
  const wrapped = program(() => {
    const k = outputs.push('') - 1;
    const stamp = (): string => `[${time.formatDuration(time.now().ns)}] `;
    sink = (text) => {
      if (clock && (outputs[k] === '' || outputs[k]!.endsWith('\n'))) outputs[k] += stamp();
      outputs[k] += text;
    };
    if (!clock) return prog.main();
    return Promise.resolve(prog.main()).then(() => {
      outputs[k] += `${stamp()}main returned\n`;
    });
  }, prog.options);
  return { program: wrapped, outputs };
}
