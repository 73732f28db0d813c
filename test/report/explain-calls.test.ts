import { describe, expect, it } from 'vitest';
import { program, scheduled } from 'interleave';
import { explore } from '../../src/explore/explore.js';
import { explain } from '../../src/report/explain.js';
import { renderHtml } from '../../src/report/html/index.js';

/*
 * What a report tells of plain async code: the calls, with what they were asked and what they
 * answered, in the order the answers arrived (the order such bugs turn on).
 */

const search = scheduled(async (q: string) => `results for ${q}`, { name: 'search' });

const lastResponseWins = program(async () => {
  let shown = '';
  const onInput = async (q: string): Promise<void> => {
    shown = await search(q);
  };
  await Promise.all([onInput('a'), onInput('ab')]);
  if (shown !== 'results for ab') throw new Error(`stale results: ${shown}`);
});

describe('a report of plain async code', () => {
  it('should tell each call with its arguments and its answer, in the order the answers came', async () => {
    const r = await explore(lastResponseWins, { runs: 50, seed: 1 });
    expect(r.findings.map((f) => f.message)).toEqual(['panic: stale results: results for a']);
    const text = explain(r.findings[0]!.trace);
    const calls = text.split('\n').filter((l) => /call#\d/.test(l));
    // "ab" answered first, then "a": the late answer is the one left on screen.
    expect(calls.map((l) => l.replace(/^\*?\s+step\s+\d+\s+/, '').replace(/ \(test\/.*\)$/, ''))).toEqual([
      "task 3 (search) ran call#2 (search) with ('ab')",
      "task 3 (search) answered call#2 (search): 'results for ab'",
      "task 2 (search) ran call#1 (search) with ('a')",
      "task 2 (search) answered call#1 (search): 'results for a'",
    ]);
  });

  it('should show the calls and their answers in the HTML report', async () => {
    const r = await explore(lastResponseWins, { runs: 50, seed: 1 });
    const html = renderHtml(r.findings[0]!.trace);
    expect(html).toContain('CallStarted call#1 (search): (&#39;a&#39;)');
    expect(html).toContain('CallReturned call#1 (search): &#39;results for a&#39;');
  });
});
