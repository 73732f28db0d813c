import { renderFinding } from '../report/finding.js';
import { plain } from '../report/style.js';
import { compare } from './files.js';
import type { LoadError, ProgramResult } from './output.js';

/*
 * JUnit XML for CI dashboards: one <testsuite> per file, one <testcase> per program (classname =
 * the file, name = the export), one <failure> per finding that fails the gate, with the verdict as
 * its message and the plain-text report (summary, goroutine dump, interleaving, replay command) as
 * its body. Baselined findings pass and are listed in <system-out>. A file that cannot be loaded
 * is a testcase named "(load)" with an <error>. No timestamps, durations or host names: the same
 * run gives the same bytes.
 */

export function junitXml(programs: readonly ProgramResult[], errors: readonly LoadError[]): string {
  const files = new Map<string, string[]>();
  const counts = new Map<string, { tests: number; failures: number; errors: number }>();
  const add = (file: string, xml: string, failures: number, errs: number): void => {
    if (!files.has(file)) {
      files.set(file, []);
      counts.set(file, { tests: 0, failures: 0, errors: 0 });
    }
    files.get(file)!.push(xml);
    const c = counts.get(file)!;
    c.tests++;
    c.failures += failures;
    c.errors += errs;
  };
  for (const p of programs) {
    const failing = p.findings.filter((f) => !f.baselined);
    const baselined = p.findings.filter((f) => f.baselined);
    const body: string[] = [];
    for (const f of failing) {
      const text = renderFinding(f, plain);
      body.push(
        `      <failure type="${attr(f.finding.kind)}" message="${attr(f.finding.message)}">${text_(text)}</failure>`,
      );
    }
    const out: string[] = [`runs: ${p.runs}`];
    for (const f of baselined) {
      out.push(`baselined ${f.finding.kind}: ${f.finding.message}`);
      if (f.replay) out.push(`  replay: npx interleave replay '${f.replay}'`);
    }
    body.push(`      <system-out>${text_(out.join('\n'))}</system-out>`);
    const open = `    <testcase classname="${attr(p.file)}" name="${attr(p.name)}">`;
    add(p.file, `${open}\n${body.join('\n')}\n    </testcase>`, failing.length, 0);
  }
  for (const e of errors) {
    const open = `    <testcase classname="${attr(e.file)}" name="(load)">`;
    const err = `      <error type="load" message="${attr(e.message)}">${text_(e.message)}</error>`;
    add(e.file, `${open}\n${err}\n    </testcase>`, 0, 1);
  }
  const total = { tests: 0, failures: 0, errors: 0 };
  const suites: string[] = [];
  for (const file of [...files.keys()].sort(compare)) {
    const c = counts.get(file)!;
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    suites.push(
      `  <testsuite name="${attr(file)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0">\n` +
        `${files.get(file)!.join('\n')}\n  </testsuite>`,
    );
  }
  const head = `<testsuites name="interleave" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}

/** Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR; lone surrogates). */
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(s: string): string {
  return s.replace(INVALID, '\uFFFD');
}

/** Escape text content. */
function text_(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value (quotes and line breaks too, or parsers fold them into spaces). */
function attr(s: string): string {
  return text_(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
