import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../src/explore/trace.js';
import { runMain } from './in-process.js';
import { fixture, parseReport, ROOT, traced } from './run.js';

/*
 * One numbering and one source of lines, through the command line in this process: the run a
 * finding was found in is the same number in the terminal, --json, the trace file, explain, replay
 * and the HTML page; a panic's line is the same in the dump, explain and the HTML page.
 */

const DIR = 'reports/numbering-test';
const check = (file: string, ...more: string[]): ReturnType<typeof runMain> =>
  runMain(['check', fixture(file), '--runs', '200', '--seed', '1', '--reports-dir', DIR, ...more]);

describe('one numbering', () => {
  it('should give a finding the same run number everywhere it is printed', async () => {
    const text = await check('rare.ts');
    const json = parseReport((await check('rare.ts', '--json')).stdout);
    const found = traced(json.programs.find((p) => p.name === 'finishOrder')!.findings[0]);
    // A finding past the first run, so that counting from 1 anywhere would show.
    expect(found.run).toBeGreaterThan(0);
    const run = found.run!;
    expect(parseTrace(readFileSync(path.join(ROOT, found.trace), 'utf8')).run).toBe(run);
    expect(text.stdout).toContain(`test/cli/fixtures/rare.ts#finishOrder: panic (found in run ${run})`);

    const explained = await runMain(['explain', found.trace]);
    expect(explained.stdout).toContain(`\nFound in run ${run}.\n`);
    const replayed = await runMain(['replay', found.trace]);
    expect(replayed.stdout).toContain(`\nrun:    ${run}\n`);
    const page = `${DIR}/rare.html`;
    expect((await runMain(['report', found.trace, '--out', page])).status).toBe(0);
    expect(readFileSync(path.join(ROOT, page), 'utf8')).toContain(` · run ${run} · seed `);
  });
});

describe('one source of lines', () => {
  it("should name a panic's line as the dump does, in explain and on the HTML page", async () => {
    const text = (await check('jobqueue.ts')).stdout;
    const json = parseReport((await check('jobqueue.ts', '--json')).stdout);
    const found = traced(json.programs[0]!.findings[0]);
    // The helper's throw (line 7), not the worker's last switch point (its receive).
    const line = 'test/cli/fixtures/jobqueue.ts:7';
    expect(text).toContain(`goroutine 2 (worker) [running]:\ncheck()\n\t${line}\n`);

    const explained = (await runMain(['explain', found.trace])).stdout;
    expect(explained).toContain(`task 2 (worker) panicked at ${line}: bad job 2.`);
    expect(explained.match(/panicked/g)).toHaveLength(1);

    const page = `${DIR}/jobqueue.html`;
    expect((await runMain(['report', found.trace, '--out', page])).status).toBe(0);
    const html = readFileSync(path.join(ROOT, page), 'utf8');
    expect(html).toContain(`title="TaskPanicked at ${line}"`);
    expect(html).toContain(`<span class="where">${line}</span>`);
    expect(html).not.toContain('title="TaskPanicked at test/cli/fixtures/jobqueue.ts:15"');
  });
});
