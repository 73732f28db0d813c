import { describe, expect, it } from 'vitest';
import { decodeReplay, encodeReplay, parseTrace, type ReplayRecipe } from '../index.js';

const recipe: ReplayRecipe = {
  program: { file: 'examples/seed/tee.ts', export: 'teeUsage' },
  options: {
    maxSteps: 10_000,
    graceSteps: 1_000,
    mode: 'test',
    seed: 42,
    graceTime: 60e9,
    timeJumps: 'due',
    compat: false,
    race: true,
  },
  run: 17,
  choices: [
    { step: 1, kind: 'task', id: 'main/tee' },
    { step: 4, kind: 'case', id: 'case1:chan#2' },
  ],
};

describe('trace format', () => {
  it('should round-trip a replay string that is one shell-safe line', () => {
    const s = encodeReplay(recipe);
    expect(s).toMatch(/^il1\.[A-Za-z0-9_-]+$/);
    expect(decodeReplay(s)).toEqual(recipe);
    expect(decodeReplay(`  ${s}\n`)).toEqual(recipe);
  });

  it('should refuse a cut or corrupt replay string clearly', () => {
    const s = encodeReplay(recipe);
    expect(() => decodeReplay(s.slice(0, 20))).toThrow(/corrupt replay string|not a replay string/);
    expect(() => decodeReplay('hello')).toThrow("not a replay string: it should look like 'il1.<base64url>'");
  });

  it('should refuse a newer version with the supported range', () => {
    const s = encodeReplay(recipe).replace(/^il1\./, 'il9.');
    expect(() => decodeReplay(s)).toThrow(
      'replay string has format version 9; this interleave reads versions 1 (upgrade interleave to replay a newer trace)',
    );
    const file = JSON.stringify({
      format: 'interleave-trace',
      version: 99,
      choices: [],
      events: [],
      options: {},
    });
    expect(() => parseTrace(file, 'reports/x.trace.json')).toThrow(
      'reports/x.trace.json has format version 99; this interleave reads versions 1',
    );
  });

  it('should refuse files that are not traces', () => {
    expect(() => parseTrace('{', 'a.json')).toThrow('corrupt a.json: it is not JSON');
    expect(() => parseTrace('{"x":1}', 'a.json')).toThrow('a.json is not an interleave trace');
    const bad = {
      format: 'interleave-trace',
      version: 1,
      choices: [{ id: 3 }],
      events: [],
      options: recipe.options,
    };
    expect(() => parseTrace(JSON.stringify(bad), 'a.json')).toThrow(
      'corrupt a.json: a choice is not { step, kind, id }',
    );
  });
});
