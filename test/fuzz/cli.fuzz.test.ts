import { deflateRawSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain, type Outcome } from '../cli/in-process.js';
import { ROOT } from '../cli/run.js';

/*
 * The command line's contract on bad input, fuzzed in this process: whatever the replay string,
 * trace file, path or argument vector, `main` answers with exit status 0, 1 or 2, in bounded time
 * and memory, and a refusal is one clear line on stderr (`interleave: …`, perhaps followed by the
 * usage hint), never a stack trace. The inputs are built so that none of them names a program that
 * exists: no case starts a long exploration, and the suite stays a few seconds of CPU.
 */

/** A hang guard of minutes, never a speed limit. */
const HANG_MS = 120_000;
/** Memory growth allowed for one case: far above a correct refusal, far below a bomb's gigabytes. */
const MEMORY_BYTES = 512 * 1024 * 1024;

async function run(argv: readonly string[], root = ROOT): Promise<Outcome> {
  const before = process.memoryUsage().rss;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung: ${JSON.stringify(argv).slice(0, 200)}`)), HANG_MS);
  });
  try {
    const r = await runMain(argv, root, (call) => Promise.race([call, hang]));
    const grew = process.memoryUsage().rss - before;
    if (grew > MEMORY_BYTES)
      throw new Error(`memory grew by ${grew} bytes for ${JSON.stringify(argv).slice(0, 200)}`);
    return r;
  } finally {
    clearTimeout(timer);
  }
}

const HINT_LINE = /^usage: interleave /;

/** The contract: a known status; a refusal is one line naming the cause (and maybe the usage hint); no stack. */
function expectContract(argv: readonly string[], r: Outcome): void {
  const at = JSON.stringify(argv).slice(0, 300);
  expect([0, 1, 2], at).toContain(r.status);
  expect(r.stderr, at).not.toMatch(/^\s+at .+[:(]/m);
  expect(r.stderr, at).not.toMatch(/\n\s*\^\s*\n|node:internal|Error: [A-Z]+:/);
  expect(r.stderr, at).not.toContain('\x1b');
  if (r.status === 2) {
    const lines = r.stderr
      .split('\n')
      .filter((l) => l !== '' && !/^interleave: (replaying|checking) /.test(l) && !HINT_LINE.test(l));
    expect(lines.length, `${at}\n${r.stderr}`).toBe(1);
    expect(lines[0], at).toMatch(/^interleave( report)?: .{10,}/);
  }
}

const encode = (o: unknown): string =>
  `il1.${deflateRawSync(Buffer.from(JSON.stringify(o))).toString('base64url')}`;

/** A program locator that names nothing real (so no case imports or runs a program). */
const NOWHERE = ['test/fuzz/no-such-program.ts', 'main'];

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 1e6 }),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(null, true, false, 'toString', '__proto__', 'constructor', 'hasOwnProperty', 't', 'c', 'm'),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** A compact recipe, every field perhaps replaced by junk. */
const compactFields = fc.record({
  v: fc.oneof(fc.constant(1), value),
  p: fc.oneof(fc.constant(NOWHERE), fc.constant(null), value, fc.constant(['/etc/passwd', 'x'])),
  o: fc.oneof(fc.constant([10000, 1000, 'test', 1]), fc.array(scalar, { maxLength: 9 }), value),
  r: fc.oneof(fc.nat(), value),
  c: fc.oneof(
    fc.array(
      fc.tuple(fc.oneof(fc.nat(100), scalar), fc.oneof(fc.constantFrom('t', 'c', 'm'), scalar), scalar),
      { maxLength: 6 },
    ),
    value,
  ),
});

/** A valid compact recipe with one field replaced. */
const compact = fc.tuple(compactFields, fc.constantFrom('v', 'p', 'o', 'r', 'c')).map(([junk, key]) => ({
  v: 1,
  p: NOWHERE,
  o: [10000, 1000, 'test', 1],
  r: 0,
  c: [[0, 't', 'main']],
  [key]: junk[key],
}));

const replayString = fc.oneof(
  compactFields.map(encode),
  compact.map(encode),
  value.map(encode),
  fc.string({ maxLength: 40 }).map((s) => `il1.${s}`),
  fc.stringMatching(/^il[0-9]{1,3}\.[A-Za-z0-9_-]{0,60}$/),
  fc.string({ maxLength: 30 }),
  compact.map((c) => encode(c).slice(0, 30)),
);

/** Trace documents: a valid skeleton with one or two fields replaced by junk, or dropped. */
const SKELETON: Record<string, unknown> = {
  format: 'interleave-trace',
  version: 1,
  program: { file: NOWHERE[0], export: 'main' },
  options: { maxSteps: 100, graceSteps: 10, mode: 'test', seed: 1 },
  strategy: { name: 'random', params: {} },
  run: 0,
  choices: [{ step: 0, kind: 'task', id: 'main' }],
  events: [{ step: 1, task: 1, event: 'TaskBlocked', obj: 'chan#1', detail: 'x', site: null }],
  finding: { kind: 'deadlock', message: 'm', summary: 's', tasks: [], task: null, stack: null, step: 1 },
};
const mutation = fc.tuple(
  fc.constantFrom(...Object.keys(SKELETON)),
  fc.oneof(value, fc.constant(undefined)),
  fc.option(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('file', 'export', 'maxSteps', 'mode', 'seed', 'timeJumps', 'race', 'name', 'params'),
        fc.constantFrom('step', 'kind', 'id', 'task', 'event', 'obj', 'detail', 'message', 'tasks', 'stack'),
        fc.string({ maxLength: 10 }),
      ),
      value,
    ),
    { nil: null },
  ),
);
const traceDoc = fc.array(mutation, { minLength: 1, maxLength: 2 }).map((ms) => {
  const doc: Record<string, unknown> = structuredClone(SKELETON);
  for (const [key, v, inner] of ms) {
    const field = doc[key];
    // Half the time a field inside the value (finding.tasks, events[0].step, ...), else the value.
    if (inner && typeof field === 'object' && field !== null) {
      const target = (Array.isArray(field) ? field[0] : field) as Record<string, unknown> | undefined;
      if (target) target[inner[0]] = inner[1];
    } else doc[key] = v;
  }
  return doc;
});

const dir = mkdtempSync(path.join(tmpdir(), 'interleave-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

const counts: Record<string, number> = {};
const tried = (what: string): void => {
  counts[what] = (counts[what] ?? 0) + 1;
};
afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `fuzz: ${total} inputs tried (${Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})`,
  );
});

const COMMANDS = ['replay', 'explain', 'report'] as const;

describe('the command line on fuzzed input', () => {
  it('should answer every replay string with 0, 1 or 2 and one clear line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS), replayString, async (cmd, s) => {
        tried('replay strings');
        const argv = cmd === 'report' ? [cmd, s, '-o', path.join(dir, 'page.html')] : [cmd, s];
        expectContract(argv, await run(argv));
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('should answer every trace file with 0, 1 or 2 and one clear line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMANDS),
        fc.oneof(
          traceDoc.map((d) => JSON.stringify(d)),
          fc.string({ maxLength: 50 }),
        ),
        async (cmd, text) => {
          tried('trace files');
          const file = path.join(dir, `t${fileNo++}.trace.json`);
          writeFileSync(file, text);
          const argv = cmd === 'report' ? [cmd, file, '-o', path.join(dir, 'page.html')] : [cmd, file];
          expectContract(argv, await run(argv));
        },
      ),
      { numRuns: 400, seed: 14 },
    );
  });

  it('should answer every path with 0, 1 or 2 and one clear line', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(path.join(dir, 'empty'));
    symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop'));
    mkdirSync(path.join(dir, 'only-tests'));
    writeFileSync(path.join(dir, 'only-tests', 'a.test.ts'), 'export {};\n');
    mkdirSync(path.join(dir, 'looped'));
    symlinkSync('..', path.join(dir, 'looped', 'up'));
    writeFileSync(path.join(dir, 'data.json'), '{}\n');
    // Relative to the scratch folder (main's root here): nothing in it has a program.
    const paths = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        '.',
        'fifo',
        '/dev/zero',
        '/dev/null',
        'loop',
        'empty',
        'only-tests',
        'looped',
        'data.json',
        'nope.trace.json',
        'a\0b',
        'x'.repeat(5000),
        '\x1b]0;title\x07',
        'a\nb',
      ),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('replay', 'explain', 'report', 'check'), paths, async (cmd, p) => {
        tried('paths');
        const argv = [cmd, p];
        const r = await run(argv, dir);
        expectContract(argv, r);
        if (cmd === 'check') expect(r.status, JSON.stringify(p)).toBe(2); // nothing there has a program
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('should answer every argument vector with 0, 1 or 2 and one clear line', async () => {
    const option = fc.constantFrom(
      '--runs',
      '--seed',
      '--strategy',
      '--mode',
      '--timeout',
      '--workers',
      '--budget',
      '--shard',
      '--reporter',
      '--junit-file',
      '--baseline',
      '--checkpoint',
      '--break-at',
      '--out',
      '-o',
      '--json',
      '--continue',
      '--ignore-task',
      '--allow-empty',
      '--allow-outside-root',
      '--verbose',
      '--',
      '-x',
      '--nope',
    );
    const arg = fc.oneof(
      option,
      fc.constantFrom(
        '3000000',
        '0.0001',
        '9007199254740991',
        '1e309',
        '-5',
        '0',
        'NaN',
        '1/0',
        '99999999999999999999/1',
        'src',
        '',
        'il1.x',
        '30s',
        '1e400s',
      ),
      fc.string({ maxLength: 10 }),
    );
    const argv = fc.tuple(
      fc.constantFrom('check', 'replay', 'explain', 'report', 'help', 'bogus', '--help', '--version'),
      fc.array(arg, { maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(argv, async ([cmd, rest]) => {
        tried('argument vectors');
        // `check` of a real folder would explore it: point it at an empty one (every path given
        // that exists is replaced), so that a check here is always a refusal or an empty pass.
        const args =
          cmd === 'check' ? rest.map((a) => (a === 'src' || a === '' ? path.join(dir, 'empty') : a)) : rest;
        const full = [cmd, ...args];
        expectContract(full, await run(full, dir));
      }),
      { numRuns: 400, seed: 14 },
    );
  });
});
