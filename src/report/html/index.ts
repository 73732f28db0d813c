import { createHash } from 'node:crypto';
import type { Finding } from '../../checker/findings.js';
import { eventData, type TraceEvent } from '../../runtime/recorder.js';
import { EventKind } from '../../runtime/events.js';
import { encodeReplay, recipeOf, type Trace } from '../../explore/trace.js';
import { dumpShowsStack, renderDump } from '../dump.js';
import { eventText } from '../interleaving.js';
import { withPanicSite } from '../panic-site.js';
import { CSS, JS } from './assets.js';
import { buildTimeline, type Edge, type EdgeKind, type Lane, type Timeline } from './model.js';

export { buildTimeline, edgesOf, type Edge, type EdgeKind, type Lane, type Timeline } from './model.js';

/**
 * The report as one self-contained HTML page: the verdict at the top, then a timeline with one
 * lane (column) per task and one row per step, arrows for channel hand-offs and the other
 * happens-before edges the trace shows, the finding's culprit events outlined, and a slider (or
 * ←/→, Home/End) to step through it: the current step is highlighted and later events dimmed.
 * Notes (`label = value`) and console output sit in their step's row.
 *
 * Everything that comes from the trace is escaped (it holds the program's values and names); the
 * inline style and script are allowed by hash in the page's Content-Security-Policy, so the page
 * loads nothing and runs nothing else. The same trace gives byte-identical output.
 */
export function renderHtml(recorded: Trace): string {
  // A panic's line is the dump's (the stack's top frame), as in the terminal and in explain.
  const trace: Trace = { ...recorded, events: withPanicSite(recorded.events, recorded.finding) };
  const t = buildTimeline(trace.events, trace.finding);
  const title = trace.finding ? trace.finding.message : 'no finding';
  const where = trace.program ? `${trace.program.file}#${trace.program.export}` : 'program';
  const csp = [
    "default-src 'none'",
    `style-src '${hash(CSS)}'`,
    `script-src '${hash(JS)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`interleave: ${title} (${where})`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    verdict(trace),
    controls(t),
    legend(t),
    '<main>',
    timeline(trace.events, t),
    aside(trace, t),
    '</main>',
    `<script>${JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Text and attribute values alike: the five characters that matter in HTML. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function hash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function verdict(trace: Trace): string {
  const f = trace.finding;
  const facts = [
    trace.program ? `${trace.program.file}#${trace.program.export}` : 'program not recorded',
    `run ${trace.run}`,
    `seed ${trace.options.seed}`,
    `strategy ${trace.strategy.name}`,
    `${trace.events.length} events`,
  ];
  const lines = f
    ? [
        `<header class="verdict ${esc(f.kind)}" id="verdict">`,
        `<div class="kind">${esc(f.kind)}</div>`,
        `<h1>${esc(f.message)}</h1>`,
        f.summary && f.summary !== f.message ? `<p class="summary">${esc(f.summary)}</p>` : '',
      ]
    : [
        '<header class="verdict clean" id="verdict">',
        '<div class="kind">clean</div>',
        '<h1>no finding: the schedule ran to the end cleanly</h1>',
      ];
  return [...lines, `<p class="program">${esc(facts.join(' · '))}</p>`, '</header>']
    .filter(Boolean)
    .join('\n');
}

/**
 * The slider and `step N of M`: N is the current row's step number, M the last step's, both as the
 * trace, the terminal and explain number steps (the page's script keeps the label so).
 */
function controls(t: Timeline): string {
  const last = Math.max(0, t.rows.length - 1);
  const step = t.rows[last]?.step ?? 0;
  return [
    '<nav class="controls">',
    '<button type="button" id="prev" title="previous step (←)">←</button>',
    `<input type="range" id="slider" min="0" max="${last}" value="${last}" aria-label="step">`,
    '<button type="button" id="next" title="next step (→)">→</button>',
    `<output id="step-label" data-last-step="${step}">step ${step} of ${step}</output>`,
    '<span class="keys">←/→ step, Home/End, or click a row</span>',
    '</nav>',
  ].join('\n');
}

const EDGE_NAMES: Record<EdgeKind, string> = {
  handoff: 'channel hand-off',
  spawn: 'spawn → first step',
  close: 'close → receive that saw it',
  unlock: 'unlock → next lock',
};

function legend(t: Timeline): string {
  const kinds = (Object.keys(EDGE_NAMES) as EdgeKind[]).filter((k) => t.edges.some((e) => e.kind === k));
  const items = kinds.map((k) => `<span class="k-${k}"><i></i>${esc(EDGE_NAMES[k])}</span>`);
  if (t.culprits.size > 0)
    items.push('<span><span class="culprit-key">culprit</span> the finding’s events</span>');
  return `<div class="legend">${items.join('')}</div>`;
}

function timeline(events: readonly TraceEvent[], t: Timeline): string {
  const out = ['<div class="timeline" id="timeline">', '<table class="lanes">', '<thead><tr>'];
  out.push('<th class="step">step</th>');
  for (const lane of t.lanes) out.push(laneHeader(lane));
  out.push('</tr></thead>', '<tbody>');
  const last = t.rows.length - 1;
  t.rows.forEach((row, r) => {
    const cls = r === last ? ' class="current"' : '';
    out.push(`<tr data-row="${r}" data-step="${row.step}"${cls}>`, `<th class="step">${row.step}</th>`);
    for (const lane of t.lanes) {
      const mine = row.events.filter((i) => t.laneOf[i] === lane.id);
      out.push(`<td data-lane="${lane.id}">${mine.map((i) => eventHtml(events[i]!, i, t)).join('')}</td>`);
    }
    out.push('</tr>');
  });
  out.push('</tbody>', '</table>', edgesSvg(t), '</div>');
  return out.join('\n');
}

function laneHeader(lane: Lane): string {
  const cls = ['lane', lane.id === 0 ? 'runtime' : 'task', lane.blamed ? 'blamed' : ''].filter(Boolean);
  const parts =
    lane.name !== null
      ? [`<div class="tid">task ${lane.id}</div>`, `<div class="tname">${esc(lane.name)}</div>`]
      : [`<div class="tid">${esc(lane.label)}</div>`];
  if (lane.state) parts.push(`<div class="tstate">${esc(lane.state)}</div>`);
  if (lane.spawnSite) parts.push(`<div class="tsite">spawned at ${esc(lane.spawnSite)}</div>`);
  return `<th class="${cls.join(' ')}" data-lane="${lane.id}" title="${esc(lane.label)}">${parts.join('')}</th>`;
}

/** The colour class of each kind that has one; other kinds (and kinds this version does not know): `other`. */
const CATEGORIES: Partial<Record<EventKind, string>> = {
  [EventKind.Noted]: 'note',
  [EventKind.ConsoleLogged]: 'console',
  [EventKind.TaskSpawned]: 'spawn',
  [EventKind.TaskFinished]: 'spawn',
  [EventKind.TaskBlocked]: 'block',
  [EventKind.TaskPanicked]: 'panic',
  [EventKind.FatalError]: 'panic',
  [EventKind.ChanSent]: 'chan',
  [EventKind.ChanReceived]: 'chan',
  [EventKind.ChanClosed]: 'chan',
  [EventKind.SelectChose]: 'chan',
};

function eventHtml(e: TraceEvent, i: number, t: Timeline): string {
  const d = eventData(e);
  const c = (d && CATEGORIES[d.kind]) ?? 'other';
  const cls = ['event', `c-${c}`, t.culprits.has(i) ? 'culprit' : ''].filter(Boolean).join(' ');
  const title = [e.event, e.site ?? ''].filter(Boolean).join(' at ');
  let body: string;
  if (d?.kind === EventKind.ConsoleLogged)
    body = `<span class="method">console.${esc(d.method)}:</span> ${esc(d.text)}`;
  else body = esc(eventText(e));
  return `<div class="${cls}" id="e${i}" data-event="${esc(e.event)}" title="${esc(title)}">${body}</div>`;
}

function edgesSvg(t: Timeline): string {
  const kinds = Object.keys(EDGE_NAMES) as EdgeKind[];
  const markers = kinds.map(
    (k) =>
      `<marker id="ah-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
      `<path d="M0 0 L10 5 L0 10 z" class="${k}"/></marker>`,
  );
  const paths = t.edges.map((e: Edge) => {
    const row = Math.max(t.rowOf[e.from]!, t.rowOf[e.to]!);
    return `<path class="edge ${e.kind}" data-from="e${e.from}" data-to="e${e.to}" data-row="${row}" marker-end="url(#ah-${e.kind})"/>`;
  });
  return [
    '<svg class="edges" id="edges" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">',
    `<defs>${markers.join('')}</defs>`,
    ...paths,
    '</svg>',
  ].join('\n');
}

function aside(trace: Trace, t: Timeline): string {
  const out = ['<aside>', '<h2>This step</h2>'];
  const last = t.rows.length - 1;
  t.rows.forEach((row, r) => {
    const items = row.events.map((i) => {
      const e = trace.events[i]!;
      const lane = t.lanes.find((l) => l.id === t.laneOf[i])!;
      const cls = t.culprits.has(i) ? ' class="culprit"' : '';
      const where = e.site ? ` <span class="where">${esc(e.site)}</span>` : '';
      return `<li${cls}><span class="who">${esc(lane.label)}</span> ${esc(eventText(e))}${where}</li>`;
    });
    const hidden = r === last ? '' : ' hidden';
    out.push(`<section class="stepinfo" data-row="${r}"${hidden}><ol>${items.join('')}</ol></section>`);
  });
  const f: Finding | null = trace.finding;
  if (f && f.tasks.length > 0)
    out.push('<h2>Goroutines</h2>', `<pre class="dump">${esc(renderDump(f))}</pre>`);
  if (f?.stack && !(f.tasks.length > 0 && dumpShowsStack(f)))
    out.push('<h2>Stack</h2>', `<pre class="stack">${esc(f.stack)}</pre>`);
  if (trace.program) {
    const cmd = `npx interleave replay '${encodeReplay(recipeOf(trace))}'`;
    out.push('<h2>Replay</h2>', `<pre class="replay">${esc(cmd)}</pre>`);
  }
  out.push('</aside>');
  return out.join('\n');
}
