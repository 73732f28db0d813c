/*
 * The page's one stylesheet and one script, inlined (no network, no external assets). The page's
 * Content-Security-Policy allows exactly these two by hash, so nothing else can run or load even
 * if escaping had a hole. The script reads the page's markup, never data: it only toggles classes,
 * sets text with textContent and draws the arrows' paths.
 */

export const CSS = `
:root { --bad: #c62828; --bad-bg: #fdecea; --ink: #1d232a; --dim: #6b7480; --line: #d9dee4;
  --note: #00639b; --console: #5b4a00; --cur: #fff4c2; --handoff: #1565c0; --spawn: #2e7d32;
  --close: #8e24aa; --unlock: #ef6c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
code, pre, .event, .step { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
header.verdict { padding: 14px 20px; border-bottom: 3px solid var(--bad); background: var(--bad-bg); }
header.verdict.clean { border-color: var(--spawn); background: #e8f5e9; }
header.verdict h1 { margin: 0 0 4px; font-size: 18px; color: var(--bad); font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
header.verdict.clean h1 { color: var(--spawn); }
header.verdict .kind { text-transform: uppercase; letter-spacing: .06em; font-size: 11px; font-weight: 700; color: var(--bad); }
header.verdict .summary { margin: 0; }
header.verdict .program { margin: 4px 0 0; color: var(--dim); font-size: 12px; }
nav.controls { position: sticky; top: 0; z-index: 5; display: flex; gap: 10px; align-items: center;
  padding: 8px 20px; background: #f6f8fa; border-bottom: 1px solid var(--line); }
nav.controls input[type=range] { flex: 1; max-width: 640px; }
nav.controls button { font: inherit; padding: 2px 10px; }
nav.controls output { font-weight: 600; min-width: 11em; }
nav.controls .keys { color: var(--dim); font-size: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; padding: 6px 20px; color: var(--dim); font-size: 12px; }
.legend i { display: inline-block; width: 18px; height: 0; border-top: 2px solid; vertical-align: middle; margin-right: 4px; }
.legend .k-handoff { color: var(--handoff); } .legend .k-spawn { color: var(--spawn); }
.legend .k-close { color: var(--close); } .legend .k-unlock { color: var(--unlock); }
.legend .culprit-key { outline: 2px solid var(--bad); padding: 0 4px; color: var(--bad); }
main { display: flex; gap: 20px; padding: 10px 20px 40px; align-items: flex-start; }
.timeline { position: relative; overflow-x: auto; flex: 1 1 auto; }
table.lanes { border-collapse: separate; border-spacing: 0; }
table.lanes th, table.lanes td { border-bottom: 1px solid var(--line); vertical-align: top; padding: 3px 14px; }
table.lanes td + td, table.lanes th.lane { border-left: 1px dashed var(--line); }
th.lane { min-width: 230px; max-width: 320px; text-align: left; font-weight: 400; background: #fff; }
th.lane .tid { font-weight: 700; }
th.lane .tname { overflow-wrap: anywhere; }
th.lane .tstate { font-size: 12px; color: var(--dim); }
th.lane .tsite { font-size: 11px; color: var(--dim); overflow-wrap: anywhere; }
th.lane.blamed .tid, th.lane.blamed .tstate { color: var(--bad); }
th.lane.runtime { color: var(--dim); }
td { min-width: 230px; max-width: 320px; }
th.step, td.step { text-align: right; color: var(--dim); width: 4em; padding-right: 10px; }
tbody tr { cursor: pointer; }
tbody tr.current { background: var(--cur); }
tbody tr.current th.step { color: var(--ink); font-weight: 700; }
tbody tr.current th.step::before { content: "\\25B6 "; }
tbody tr.future .event { opacity: .28; }
.event { margin: 2px 0; padding: 1px 5px; border-radius: 3px; white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid transparent; }
.event.c-chan { background: #eef4fb; }
.event.c-block { background: #f3f3f3; color: #555; }
.event.c-spawn { background: #edf7ee; }
.event.c-panic { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
.event.c-note { color: var(--note); background: #e8f3fa; border-left: 3px solid var(--note); }
.event.c-console { color: var(--console); background: #fffbea; border-left: 3px solid #c8a400; }
.event.c-console .method { font-weight: 700; }
.event.culprit { border: 2px solid var(--bad); background: var(--bad-bg); }
.event.culprit::after { content: "  \\25C0 culprit"; color: var(--bad); font-weight: 700; font-family: system-ui, sans-serif; font-size: 11px; }
svg.edges { position: absolute; top: 0; left: 0; pointer-events: none; overflow: visible; }
svg.edges path.edge { fill: none; stroke-width: 2; }
svg.edges path.edge.handoff { stroke: var(--handoff); }
svg.edges path.edge.spawn { stroke: var(--spawn); stroke-dasharray: 5 3; }
svg.edges path.edge.close { stroke: var(--close); stroke-dasharray: 2 3; }
svg.edges path.edge.unlock { stroke: var(--unlock); stroke-dasharray: 6 2 2 2; }
svg.edges path.edge.future { opacity: .15; }
svg.edges marker path.handoff { fill: var(--handoff); } svg.edges marker path.spawn { fill: var(--spawn); }
svg.edges marker path.close { fill: var(--close); } svg.edges marker path.unlock { fill: var(--unlock); }
aside { flex: 0 0 360px; position: sticky; top: 52px; max-height: calc(100vh - 60px); overflow: auto; }
aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--dim); margin: 14px 0 6px; }
aside pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 8px; border-radius: 4px; margin: 0; }
.stepinfo ol { margin: 0; padding-left: 18px; }
.stepinfo li { margin-bottom: 4px; overflow-wrap: anywhere; }
.stepinfo .who { color: var(--dim); }
.stepinfo .where { color: var(--dim); font-size: 12px; }
.stepinfo .culprit { color: var(--bad); }
`;

export const JS = `
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tbody tr[data-row]'));
  var infos = Array.prototype.slice.call(document.querySelectorAll('.stepinfo'));
  var edges = Array.prototype.slice.call(document.querySelectorAll('svg.edges path.edge'));
  var slider = document.getElementById('slider');
  var label = document.getElementById('step-label');
  var box = document.getElementById('timeline');
  var svg = document.getElementById('edges');
  if (rows.length === 0) return;
  var cur = Number(slider.value);

  function show(k, scroll) {
    cur = Math.max(0, Math.min(rows.length - 1, k));
    rows.forEach(function (r, i) {
      r.classList.toggle('current', i === cur);
      r.classList.toggle('future', i > cur);
    });
    edges.forEach(function (p) { p.classList.toggle('future', Number(p.getAttribute('data-row')) > cur); });
    infos.forEach(function (s, i) { s.hidden = i !== cur; });
    slider.value = String(cur);
    var step = rows[cur].getAttribute('data-step');
    label.textContent = 'step ' + step + ' of ' + label.getAttribute('data-last-step');
    document.body.setAttribute('data-current-step', step);
    if (scroll) rows[cur].scrollIntoView({ block: 'nearest' });
  }

  function layout() {
    var b = box.getBoundingClientRect();
    var ox = box.scrollLeft - b.left, oy = box.scrollTop - b.top;
    svg.setAttribute('width', String(box.scrollWidth));
    svg.setAttribute('height', String(box.scrollHeight));
    edges.forEach(function (p) {
      var from = document.getElementById(p.getAttribute('data-from'));
      var to = document.getElementById(p.getAttribute('data-to'));
      if (!from || !to) return;
      var a = from.getBoundingClientRect(), c = to.getBoundingClientRect();
      var y1 = a.top + a.height / 2 + oy, y2 = c.top + c.height / 2 + oy;
      var x1, x2, bend;
      if (a.right <= c.left) { x1 = a.right + ox; x2 = c.left + ox; bend = Math.max(24, (x2 - x1) / 2); }
      else if (c.right <= a.left) { x1 = a.left + ox; x2 = c.right + ox; bend = -Math.max(24, (x1 - x2) / 2); }
      else { x1 = a.right + ox; x2 = c.right + ox; bend = 36; x2 += 2; }
      var c2 = a.right <= c.left || c.right <= a.left ? x2 - bend : x2 + bend;
      p.setAttribute('d', 'M' + x1.toFixed(1) + ' ' + y1.toFixed(1) + ' C' + (x1 + bend).toFixed(1) + ' ' +
        y1.toFixed(1) + ' ' + c2.toFixed(1) + ' ' + y2.toFixed(1) + ' ' + x2.toFixed(1) + ' ' + y2.toFixed(1));
    });
  }

  document.addEventListener('keydown', function (e) {
    var k = { ArrowLeft: cur - 1, ArrowRight: cur + 1, Home: 0, End: rows.length - 1 }[e.key];
    if (k === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    show(k, true);
  });
  slider.addEventListener('input', function () { show(Number(slider.value), true); });
  document.getElementById('prev').addEventListener('click', function () { show(cur - 1, true); });
  document.getElementById('next').addEventListener('click', function () { show(cur + 1, true); });
  rows.forEach(function (r, i) { r.addEventListener('click', function () { show(i, false); }); });
  window.addEventListener('resize', layout);
  layout();
  show(cur, false);
})();
`;
