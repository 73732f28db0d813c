/**
 * Test helpers for the seed's examples (no programs here): a finding's tasks as goroutine-dump lines,
 * and the repo-relative site of a source line, so tests pin where each task is blocked.
 */
import { readFileSync } from 'node:fs';

interface Dumped {
  readonly tasks: readonly { name: string; state: string; waitReason: string; site: string | null }[];
}

/** `name state [wait reason] site`, one per live task, sorted. */
export function dump(f: Dumped): string[] {
  return f.tasks.map((t) => `${t.name} ${t.state} [${t.waitReason}] ${t.site ?? '?'}`).sort();
}

/** `examples/seed/<file>:<line>` of the one line of `file` that reads `text` (ignoring indentation). */
export function siteOf(file: string, text: string): string {
  const lines = readFileSync(new URL(file, import.meta.url), 'utf8').split('\n');
  const hits = lines.flatMap((l, k) => (l.trim() === text ? [k + 1] : []));
  if (hits.length !== 1) throw new Error(`${file}: ${hits.length} lines read ${JSON.stringify(text)}`);
  return `examples/seed/${file}:${hits[0]}`;
}
