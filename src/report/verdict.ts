import type { Finding } from '../checker/findings.js';
import { plain, type Style } from './style.js';

/**
 * Level 1 of a report: the verdict in Go's words (`fatal error: all goroutines are asleep -
 * deadlock!`, `panic: send on closed channel`), then one line saying what happened.
 */
export function renderVerdict(finding: Pick<Finding, 'message' | 'summary'>, style: Style = plain): string {
  const lines = [style.bad(finding.message)];
  if (finding.summary && finding.summary !== finding.message) lines.push(finding.summary);
  return lines.join('\n');
}
