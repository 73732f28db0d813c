import type { Culprit } from '../checker/findings.js';
import { escapeLine } from './escape.js';

/**
 * The culprit steps in words, in trace order: the same steps the interleaving marks with `*` and
 * the HTML report outlines. The failing step itself (`panicked`) is left out: explain's conclusion
 * tells the panic, once. The words may come from a trace file: shown escaped.
 */
export function culpritLines(culprits: readonly Culprit[]): string[] {
  const causes = culprits.filter((c) => c.reason !== 'panicked');
  if (causes.length === 0) return [];
  return [
    'The culprit steps (marked * in the story and the interleaving):',
    ...causes.map((c) => `  ${escapeLine(c.words)}`),
  ];
}
