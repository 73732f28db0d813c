/*
 * What `check` says on stderr while it works. On a terminal: one line per program being explored,
 * redrawn in place with the runs done so far, and a plain line once it is done. In CI (the `CI`
 * environment variable set, as GitHub Actions, GitLab and most others do) or when stderr is not a
 * terminal: plain lines only, one per finished program, so logs stay readable and diffable.
 */

export interface Progress {
  /** A program (or a file whose first program is explored with its listing) started exploring. */
  start(key: string, label: string): void;
  update(key: string, runs: number): void;
  /** The program is done: its active line becomes this plain line. */
  done(key: string, line: string): void;
  /** The line's work ended without a result line (its file could not be loaded). */
  stop(key: string): void;
  /** A plain line (a file without programs, a load error, a summary note). */
  note(line: string): void;
  end(): void;
}

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): boolean;
}

/** `total`: runs per program when known (--runs); `budgetMs`: a time budget per program. */
export interface ProgressScale {
  readonly total: number | null;
  readonly budgetMs: number | null;
}

export function interactive(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
}

export function progressFor(
  stream: ProgressStream,
  scale: ProgressScale,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  return interactive(stream, env) ? new BarProgress(stream, scale) : new PlainProgress(stream);
}

export class PlainProgress implements Progress {
  constructor(private readonly stream: ProgressStream) {}
  start(): void {}
  update(): void {}
  stop(): void {}
  done(_key: string, line: string): void {
    this.note(line);
  }
  note(line: string): void {
    this.stream.write(`interleave: ${line}\n`);
  }
  end(): void {}
}

interface Active {
  readonly label: string;
  readonly started: number;
  runs: number;
}

const BAR = 20;

export class BarProgress implements Progress {
  private readonly active = new Map<string, Active>();
  /** How many lines of the block are on screen now (the cursor sits just below them). */
  private drawn = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly scale: ProgressScale,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(key: string, label: string): void {
    this.active.set(key, { label, started: this.now(), runs: 0 });
    this.redraw();
  }

  update(key: string, runs: number): void {
    const a = this.active.get(key);
    if (!a || a.runs === runs) return;
    a.runs = runs;
    this.redraw();
  }

  stop(key: string): void {
    if (this.active.delete(key)) this.redraw();
  }

  done(key: string, line: string): void {
    this.active.delete(key);
    this.redraw(`interleave: ${line}`);
  }

  note(line: string): void {
    this.redraw(`interleave: ${line}`);
  }

  end(): void {
    this.active.clear();
    this.redraw();
  }

  /** Erase the block, print `above` (a finished line) if any, draw the block again below it. */
  private redraw(above?: string): void {
    let s = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    s += '\r\x1b[J';
    if (above !== undefined) s += `${above}\n`;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    for (const a of this.active.values()) s += `${this.line(a).slice(0, width)}\n`;
    this.drawn = this.active.size;
    this.stream.write(s);
  }

  private line(a: Active): string {
    const { total, budgetMs } = this.scale;
    const runs = `${a.runs} run${a.runs === 1 ? '' : 's'}`;
    if (total !== null) return `  ${bar(a.runs / total)} ${a.runs}/${total} runs  ${a.label}`;
    if (budgetMs !== null) {
      const s = Math.min(budgetMs, this.now() - a.started) / 1000;
      return `  ${bar(s / (budgetMs / 1000))} ${runs}, ${s.toFixed(0)}/${budgetMs / 1000} s  ${a.label}`;
    }
    return `  ${runs}  ${a.label}`;
  }
}

function bar(fraction: number): string {
  const n = Math.max(0, Math.min(BAR, Math.round(fraction * BAR)));
  return `[${'#'.repeat(n)}${'.'.repeat(BAR - n)}]`;
}
