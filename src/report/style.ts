import { Chalk } from 'chalk';

/**
 * The few text styles the reports use. Renderers take a Style so they stay pure: tests and CI get
 * `plain`, a terminal gets colour (the CLI decides, from whether stdout is a TTY).
 */
export interface Style {
  readonly bad: (s: string) => string;
  readonly good: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly strong: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly code: (s: string) => string;
}

const same = (s: string): string => s;

export const plain: Style = { bad: same, good: same, warn: same, strong: same, dim: same, code: same };

/** Colour via chalk; `level` 0 is plain. */
export function colorStyle(level: 0 | 1 | 2 | 3 = 1): Style {
  if (level === 0) return plain;
  const c = new Chalk({ level });
  return {
    bad: (s) => c.red.bold(s),
    good: (s) => c.green(s),
    warn: (s) => c.yellow(s),
    strong: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    code: (s) => c.cyan(s),
  };
}
