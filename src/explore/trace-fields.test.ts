import { describe, expect, it } from 'vitest';
import {
  bit,
  int,
  intOrNull,
  isRecord,
  list,
  locator,
  MAX_ID_CHARS,
  oneOf,
  own,
  Refusal,
  shown,
  str,
  strOrNull,
} from './trace-fields.js';

/*
 * Each check of a trace field returns the value as its type or throws a Refusal that names the
 * field, what it should be and what it was, shown briefly and safely (no control characters).
 */

describe('trace field checks', () => {
  it('should show what was found briefly, without control characters', () => {
    expect(shown(undefined)).toBe('nothing');
    expect(shown(null)).toBe('null');
    expect(shown({ a: 1 })).toBe('an object');
    expect(shown([1])).toBe('a list');
    expect(shown(3)).toBe('3');
    expect(shown(true)).toBe('true');
    expect(shown('x')).toBe('"x"');
    expect(shown(() => 1)).toBe('a function');
    expect(shown('a\u0000b\u001b')).toBe('"a\\u0000b\\u001b"'); // JSON escapes them first
    expect(shown('a\u007fb\u0085')).toBe('"a?b?"'); // ones JSON leaves as they are
    expect(shown('y'.repeat(100))).toBe(`"${'y'.repeat(36)}...`);
    expect(shown('y'.repeat(100))).toHaveLength(40);
  });

  it('should return a good integer and refuse others, naming the field and the minimum', () => {
    expect(int('run', 3, 0)).toBe(3);
    expect(() => int('run', -1, 0)).toThrow(new Refusal('run should be an integer ≥ 0, got -1'));
    expect(() => int('steps', 1.5, 1)).toThrow('steps should be an integer ≥ 1, got 1.5');
    expect(() => int('steps', 2 ** 60, 1)).toThrow(Refusal); // not safe
    expect(() => int('steps', '3', 1)).toThrow('steps should be an integer ≥ 1, got "3"');
    expect(intOrNull('x', null)).toBeNull();
    expect(() => intOrNull('x', -2)).toThrow('x should be an integer ≥ 0, got -2');
  });

  it('should return a string within its bound and refuse others', () => {
    expect(str('id', 'main/a')).toBe('main/a');
    expect(() => str('id', 'x'.repeat(MAX_ID_CHARS + 1))).toThrow(
      `id should be a string of at most ${MAX_ID_CHARS} characters`,
    );
    expect(() => str('id', 'abcd', 3)).toThrow('id should be a string of at most 3 characters, got "abcd"');
    expect(() => str('id', 7)).toThrow('got 7');
    expect(strOrNull('site', null)).toBeNull();
    expect(() => strOrNull('site', undefined)).toThrow(
      'site should be a string of at most 10000 characters, got nothing',
    );
  });

  it('should accept only the listed words, 0 or 1 as a bit, and lists up to their bound', () => {
    expect(oneOf('kind', 't', ['t', 'c', 'm'])).toBe('t');
    expect(() => oneOf('choices[3].kind', 'x', ['t', 'c', 'm'])).toThrow(
      new Refusal('choices[3].kind should be one of t, c, m, got "x"'),
    );
    expect([bit('race', 1), bit('race', 0)]).toEqual([true, false]);
    expect(() => bit('race', true)).toThrow('race should be 0 or 1, got true');
    expect(list('choices', [1, 2], 2)).toEqual([1, 2]);
    expect(() => list('choices', [1, 2, 3], 2)).toThrow('choices holds 3 entries; at most 2 are read');
    expect(() => list('choices', {}, 2)).toThrow('choices should be a list, got an object');
  });

  it('should read a program locator, refusing an empty file or export', () => {
    expect(locator('program', 'a.ts', 'main')).toEqual({ file: 'a.ts', export: 'main' });
    expect(() => locator('program', '', 'main')).toThrow('program file should be a file path, got ""');
    expect(() => locator('program', 'a\u0000.ts', 'main')).toThrow('program file should be a file path');
    expect(() => locator('program', 'a.ts', '')).toThrow('program export should be an export name, got ""');
    expect(() => locator('program', 'a.ts', 3)).toThrow('program export should be an export name, got 3');
  });

  it("should read only a record's own fields, and tell a record from a list or null", () => {
    const o = JSON.parse('{"a":1,"__proto__":{"x":2}}') as Record<string, unknown>;
    expect(own(o, 'a')).toBe(1);
    expect(own(o, 'toString')).toBeUndefined();
    expect(own({}, 'constructor')).toBeUndefined();
    expect([isRecord({}), isRecord([]), isRecord(null), isRecord('x')]).toEqual([true, false, false, false]);
  });
});
