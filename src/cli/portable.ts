import type { Finding } from '../checker/findings.js';
import type { ExploredFinding } from '../explore/explore.js';
import type { Trace } from '../explore/trace.js';
import { stripRoot } from './loader.js';

/*
 * Findings as the core reports them may carry absolute paths in a panic's stack text. The CLI's
 * output and trace files must be the same bytes on every machine, so those paths are made
 * repository-relative here (the core could do it where it captures the stack).
 */

function portable(f: Finding, root: string): Finding {
  return f.stack === null ? f : { ...f, stack: stripRoot(f.stack, root) };
}

export function portableTrace(trace: Trace, root: string): Trace {
  return trace.finding ? { ...trace, finding: portable(trace.finding, root) } : trace;
}

export function portableFinding(f: ExploredFinding, root: string): ExploredFinding {
  return { ...f, ...portable(f, root), trace: portableTrace(f.trace, root) };
}
