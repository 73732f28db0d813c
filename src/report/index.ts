/** Renderers: pure functions from a Finding or Trace to text. The CLI and the Vitest plugin print them. */
export { renderVerdict } from './verdict.js';
export { renderDump, goState } from './dump.js';
export { renderInterleaving } from './interleaving.js';
export { renderFooter, type FooterInput } from './footer.js';
export { renderFinding, type FindingReport } from './finding.js';
export { plain, colorStyle, type Style } from './style.js';
