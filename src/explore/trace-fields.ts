/*
 * Checks of one field of a replay string or trace file, at the edge: each returns the value as the
 * type it should be, or throws a Refusal naming the field, what it should be and what it was.
 */
import type { ProgramLocator } from './program-locator.js';

/** The longest stable id or name a trace may hold. */
export const MAX_ID_CHARS = 10_000;

/** A field that is not what it should be: `choices[3].kind` should be one of t, c, m, got "x". */
export class Refusal extends Error {}

export function shown(v: unknown): string {
  let s: string;
  if (v === undefined) return 'nothing';
  if (isRecord(v)) return 'an object';
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (Array.isArray(v)) s = 'a list';
  else if (v === null) s = 'null';
  else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else s = `a ${typeof v}`;
  s = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function refuse(field: string, expected: string, got: unknown): never {
  throw new Refusal(`${field} should be ${expected}, got ${shown(got)}`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only: `toString` or `__proto__` never come from Object.prototype. */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function int(field: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) refuse(field, `an integer ≥ ${min}`, v);
  return v;
}

export function str(field: string, v: unknown, max = MAX_ID_CHARS): string {
  if (typeof v !== 'string' || v.length > max) refuse(field, `a string of at most ${max} characters`, v);
  return v;
}

export function strOrNull(field: string, v: unknown, max = MAX_ID_CHARS): string | null {
  return v === null ? null : str(field, v, max);
}

export function intOrNull(field: string, v: unknown): number | null {
  return v === null ? null : int(field, v, 0);
}

export function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    refuse(field, `one of ${allowed.join(', ')}`, v);
  }
  return v as T;
}

export function list(field: string, v: unknown, max: number): unknown[] {
  if (!Array.isArray(v)) refuse(field, 'a list', v);
  if (v.length > max) throw new Refusal(`${field} holds ${v.length} entries; at most ${max} are read`);
  return v;
}

/** A program locator: a relative-or-absolute file and an export name, both non-empty strings. */
export function locator(field: string, file: unknown, exp: unknown): ProgramLocator {
  if (typeof file !== 'string' || file === '' || file.length > 4096 || file.includes('\0')) {
    refuse(`${field} file`, 'a file path', file);
  }
  if (typeof exp !== 'string' || exp === '' || exp.length > 1000)
    refuse(`${field} export`, 'an export name', exp);
  return { file, export: exp };
}

export function bit(field: string, v: unknown): boolean {
  if (v !== 0 && v !== 1) refuse(field, '0 or 1', v);
  return v === 1;
}
