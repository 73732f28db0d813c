import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chan, explore, go, Mutex, note } from '../../src/index.js';
import { renderHtml } from '../../src/report/html/index.js';
import type { Trace } from '../../src/explore/trace.js';
import { countHandoffs, handoff, handoffEvents, HOSTILE, traceOf } from './samples.js';

/*
 * The HTML report in a real browser: Debian's headless Chromium, driven by playwright-core. Without
 * /usr/bin/chromium (apt-get install -y chromium) these tests are skipped, never failed.
 */
const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REPORTS = path.resolve(import.meta.dirname, '../../reports');
const SCREENSHOT = path.join(REPORTS, 'html-report.png');
if (!HAVE_CHROMIUM) {
  console.warn(`html.browser.test: skipped, ${CHROMIUM} not found (apt-get install -y chromium)`);
}

/** A small program with every feature of the page: hand-offs, a spawn, a close seen, notes, output. */
async function exampleTrace(): Promise<Trace> {
  const log = console.log;
  console.log = () => {}; // keep the test's output quiet; the trace records the lines anyway
  try {
    const r = await explore(
      async () => {
        const jobs = chan<number>();
        const done = chan<void>();
        const mu = new Mutex();
        note('jobs', 2);
        go(async () => {
          for (;;) {
            const [job, ok] = await jobs.recvOk();
            if (!ok) break;
            await mu.lock();
            console.log('worker took job', job);
            mu.unlock();
          }
          await done.send(); // nobody receives: main returns first, so the worker leaks here
        }, 'worker');
        await jobs.send(1);
        await jobs.send(2);
        await mu.lock();
        note('main', 'closing');
        mu.unlock();
        jobs.close();
      },
      { runs: 20, seed: 3 },
    );
    expect(r.findings.length).toBeGreaterThan(0);
    return r.findings[0]!.trace;
  } finally {
    console.log = log;
  }
}

describe.skipIf(!HAVE_CHROMIUM)(`the HTML report in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  interface Opened {
    readonly page: Page;
    readonly problems: string[];
    readonly requests: string[];
  }

  /** Write the page under reports/ and open it, recording errors, dialogs and requests. */
  async function open(trace: Trace, name: string): Promise<Opened> {
    mkdirSync(REPORTS, { recursive: true });
    const file = path.join(REPORTS, name);
    writeFileSync(file, renderHtml(trace));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url);
    expect(requests).toEqual([url]); // the page itself, and nothing else
    return { page, problems, requests };
  }

  const currentStep = (page: Page): Promise<string | null> =>
    page.locator('body').getAttribute('data-current-step');

  it('should show one lane per task, one arrow per hand-off, the finding, and step with the keyboard', async () => {
    const trace = await exampleTrace();
    const { page, problems, requests } = await open(trace, 'html-report.html');
    const tasks = new Set(trace.events.filter((e) => e.event === 'TaskSpawned').map((e) => e.obj));
    const steps = [...new Set(trace.events.map((e) => e.step))];

    // Lanes: one per task.
    await expect(page.locator('th.lane.task').count()).resolves.toBe(tasks.size);
    // Arrows: one per hand-off, each laid out by the script.
    const handoffs = countHandoffs(trace.events);
    expect(handoffs).toBeGreaterThan(0);
    await expect(page.locator('svg.edges path.edge.handoff').count()).resolves.toBe(handoffs);
    // Serialized into the page; typed by the one method it calls (no DOM types here).
    for (const d of await page
      .locator('svg.edges path.edge')
      .evaluateAll((ps: readonly { getAttribute(name: string): string | null }[]) =>
        ps.map((p) => p.getAttribute('d')),
      ))
      expect(d).toMatch(/^M[\d.-]+ [\d.-]+ C/);
    // The finding: the verdict on top, the culprit events outlined in red.
    await expect(page.locator('#verdict h1').textContent()).resolves.toBe(trace.finding!.message);
    const culprits = page.locator('.event.culprit');
    expect(await culprits.count()).toBeGreaterThan(0);
    await expect(
      culprits
        .first()
        // Serialized into the page, so it names the browser's getComputedStyle itself (no DOM types here).
        .evaluate(
          (el) =>
            (
              globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } }
            ).getComputedStyle(el).borderTopColor,
        ),
    ).resolves.toBe('rgb(198, 40, 40)');
    // Notes and console output are on the page.
    await expect(page.locator('.event.c-note').first().textContent()).resolves.toBe('jobs = 2');
    await expect(page.locator('.event.c-console').first().textContent()).resolves.toMatch(
      /^console\.log: worker took job 1$/,
    );

    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Stepping: it starts at the last step; ← goes back one, later events dim; → returns.
    const last = String(steps[steps.length - 1]);
    const before = String(steps[steps.length - 2]);
    await expect(currentStep(page)).resolves.toBe(last);
    await page.keyboard.press('ArrowLeft');
    await expect(currentStep(page)).resolves.toBe(before);
    await expect(page.locator('tr.current').getAttribute('data-step')).resolves.toBe(before);
    await expect(page.locator('tbody tr').last().getAttribute('class')).resolves.toBe('future');
    await expect(page.locator('#step-label').textContent()).resolves.toBe(`step ${before} of ${last}`);
    await page.keyboard.press('ArrowRight');
    await expect(currentStep(page)).resolves.toBe(last);
    await page.keyboard.press('Home');
    await expect(currentStep(page)).resolves.toBe(String(steps[0]));
    await expect(page.locator('tr.future').count()).resolves.toBe(steps.length - 1);
    await page.keyboard.press('ArrowLeft'); // already at the first step: stays
    await expect(currentStep(page)).resolves.toBe(String(steps[0]));
    // The slider steps too.
    await page.locator('#slider').fill('1');
    await expect(currentStep(page)).resolves.toBe(String(steps[1]));

    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
    await page.close();
  });

  it('should render a hostile value as text, run no script of its own and load nothing', async () => {
    const { page, problems, requests } = await open(
      traceOf(handoffEvents, handoff),
      'html-report-hostile.html',
    );
    await page.waitForTimeout(100);
    expect(problems).toEqual([]); // no alert dialog, no error
    expect(requests).toHaveLength(1);
    await expect(page.locator('script').count()).resolves.toBe(1);
    await expect(page.locator('body').textContent()).resolves.toContain(HOSTILE);
    await expect(page.locator('th.lane.task .tname').nth(2).textContent()).resolves.toBe('<b>consumer</b>');
    await expect(page.locator('svg.edges path.edge.handoff').count()).resolves.toBe(
      countHandoffs(handoffEvents),
    );
    await page.close();
  });
});
