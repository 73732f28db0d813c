import { describe, expect, it } from 'vitest';
import { explain } from '../../src/report/explain.js';
import { renderDump } from '../../src/report/dump.js';
import { renderHtml } from '../../src/report/html/index.js';
import { panicSite, withPanicSite } from '../../src/report/panic-site.js';
import { handoff, handoffEvents, panic, panicEvents, traceOf } from './samples.js';

/* Where a task panicked: one answer (panicSite) that the dump, explain and the HTML page share. */

/** The sample panic, thrown in a helper after the task's last switch point (examples/h.ts:9). */
const thrown = { ...handoff, stack: 'check()\n\texamples/h.ts:31\nproducer()\n\texamples/h.ts:9' };

describe('panicSite', () => {
  it("should be the stack's top user frame, else the task's last site", () => {
    expect(panicSite(thrown)).toBe('examples/h.ts:31');
    // A raw engine stack has no user frames: the snapshot's site is what the dump shows then.
    expect(panicSite(panic)).toBe('examples/p.ts:9');
    expect(panicSite({ ...panic, task: null })).toBeNull();
  });

  it("should move only the finding's task's death to it", () => {
    const moved = withPanicSite(handoffEvents, thrown);
    const changed = moved.filter((e, i) => e !== handoffEvents[i]);
    expect(changed.map((e) => [e.event, e.task, e.site])).toEqual([['TaskPanicked', 2, 'examples/h.ts:31']]);
    expect(withPanicSite(handoffEvents, null)).toEqual(handoffEvents);
  });

  it('should be the line the dump, explain and the HTML page all give', () => {
    const dump = renderDump(thrown);
    expect(dump).toContain('check()\n\texamples/h.ts:31');
    expect(explain({ events: handoffEvents, finding: thrown })).toContain(
      'task 2 (producer) panicked at examples/h.ts:31: send on closed channel.',
    );
    expect(renderHtml(traceOf(handoffEvents, thrown))).toContain('title="TaskPanicked at examples/h.ts:31"');
    // Without a stack of user frames, all three give the task's last site.
    expect(renderDump(panic)).toContain('goroutine 3 (late) [running]:\n\texamples/p.ts:9');
    expect(explain({ events: panicEvents, finding: panic })).toContain('panicked at examples/p.ts:9:');
  });

  it('should tell the panic once in explain', () => {
    const text = explain({ events: handoffEvents, finding: thrown });
    expect(text.match(/panicked/g)).toHaveLength(1);
  });
});
