import { describe, expect, it } from 'vitest';
import { buildTimeline, esc, renderHtml } from '../../src/report/html/index.js';
import {
  countHandoffs,
  deadlock,
  deadlockEvents,
  handoff,
  handoffEvents,
  HOSTILE,
  leak,
  leakEvents,
  panic,
  panicEvents,
  traceOf,
} from './samples.js';

const count = (text: string, what: string | RegExp): number => text.split(what).length - 1;

describe('renderHtml', () => {
  it('should render the same page for the same trace (golden files: a panic, a deadlock, a leak)', async () => {
    const page = renderHtml(traceOf(handoffEvents, handoff));
    expect(renderHtml(traceOf(handoffEvents, handoff))).toBe(page);
    await expect(page).toMatchFileSnapshot('./__snapshots__/html-handoff.html.txt');
    await expect(renderHtml(traceOf(deadlockEvents, deadlock))).toMatchFileSnapshot(
      './__snapshots__/html-deadlock.html.txt',
    );
    await expect(renderHtml(traceOf(leakEvents, leak, null))).toMatchFileSnapshot(
      './__snapshots__/html-leak.html.txt',
    );
  });

  it('should render a value like </script><script>alert(1)</script> inert, wherever it comes from', () => {
    const page = renderHtml(traceOf(handoffEvents, handoff));
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<b>consumer</b>');
    expect(page).toContain('&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;');
    // The page's own script is the only one: no tag from the trace opens another.
    expect(count(page, /<script\b/)).toBe(1);
    expect(count(page, '</script>')).toBe(1);
    expect(page).toContain('<div class="tname">&#60;b&#62;consumer&#60;/b&#62;</div>');
  });

  it('should escape a hostile verdict, summary, site and program locator too', () => {
    const finding = { ...panic, message: HOSTILE, summary: `"${HOSTILE}'`, stack: HOSTILE };
    const events = panicEvents.map((e) => ({ ...e, site: HOSTILE }));
    const page = renderHtml(traceOf(events, finding, { file: HOSTILE, export: '"><img src=x>' }));
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<img');
    expect(count(page, /<script\b/)).toBe(1);
  });

  it('should escape the five characters that matter in text and attributes', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });

  it('should load nothing: no external URL, and a policy that allows only its own style and script', () => {
    const page = renderHtml(traceOf(handoffEvents, handoff));
    expect(page).not.toMatch(/\b(?:src|href)=/);
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(page).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;;/,
    );
  });

  it('should give one lane per task, plus the runtime lane only when the runtime did something', () => {
    const page = renderHtml(traceOf(handoffEvents, handoff));
    expect(count(page, '<th class="lane task')).toBe(3);
    expect(count(page, '<th class="lane runtime')).toBe(1);
    expect(count(renderHtml(traceOf(deadlockEvents, deadlock)), '<th class="lane runtime')).toBe(0);
  });

  it('should draw one arrow per hand-off, and the spawn, close and unlock edges', () => {
    const t = buildTimeline(handoffEvents, handoff);
    const kinds = t.edges.map((e) => `${e.kind} ${e.from}->${e.to}`);
    expect(kinds).toEqual([
      'handoff 7->6',
      'handoff 16->17',
      'spawn 2->4',
      'spawn 3->6',
      'close 12->14',
      'unlock 9->11',
    ]);
    expect(t.edges.filter((e) => e.kind === 'handoff')).toHaveLength(countHandoffs(handoffEvents));
    const page = renderHtml(traceOf(handoffEvents, handoff));
    expect(count(page, '<path class="edge handoff"')).toBe(countHandoffs(handoffEvents));
  });

  it('should put the verdict at the top and mark the culprit events and lanes', () => {
    const page = renderHtml(traceOf(handoffEvents, handoff));
    const body = page.slice(page.indexOf('<body>'));
    expect(body).toMatch(
      /^<body>\n<header class="verdict panic" id="verdict">\n<div class="kind">panic<\/div>\n<h1>panic: send on closed channel<\/h1>/,
    );
    expect(count(page, 'class="event c-panic culprit"')).toBe(1);
    expect(page).toContain('<th class="lane task blamed" data-lane="2"');
    const dl = renderHtml(traceOf(deadlockEvents, deadlock));
    expect(count(dl, /class="event [a-z-]+ culprit"/g)).toBe(2);
  });

  it('should show notes as label = value and console output with its method', () => {
    const page = renderHtml(traceOf(leakEvents, leak, null));
    expect(page).toContain('>retries = 3</div>');
    expect(page).toContain('<span class="method">console.error:</span> worker: no channel configured');
    expect(page).not.toContain('<h2>Replay</h2>'); // no program locator, no replay command
  });

  it('should start at the last step, with the slider and the step list agreeing', () => {
    const page = renderHtml(traceOf(deadlockEvents, deadlock));
    expect(page).toContain('<input type="range" id="slider" min="0" max="3" value="3" aria-label="step">');
    expect(page).toContain('<tr data-row="3" data-step="4" class="current">');
    expect(count(page, '<section class="stepinfo"')).toBe(4);
    expect(count(page, /<section class="stepinfo" data-row="\d+" hidden>/g)).toBe(3);
  });

  it('should render a clean run, without a finding', () => {
    const page = renderHtml(traceOf(deadlockEvents, null));
    expect(page).toContain('<h1>no finding: the schedule ran to the end cleanly</h1>');
    expect(page).not.toMatch(/class="(?:[^"]* )?culprit(?: [^"]*)?"/);
    expect(renderHtml(traceOf(deadlockEvents, deadlock))).toMatch(/class="(?:[^"]* )?culprit(?: [^"]*)?"/);
  });
});
