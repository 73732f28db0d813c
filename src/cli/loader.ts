import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeThrown } from '../base/errors.js';
import { isProgram, type Program } from '../explore/program.js';
import { compare } from './files.js';
import { isTypeScript, registerAwaitPoints, registerTypeScript } from './typescript-loader.js';
import { CliError } from './usage.js';

/*
 * Loads a user's file (a TypeScript one through tsx: typescript-loader.ts) and finds its programs.
 * Runs inside the worker, so the file's top-level code never runs in the CLI's own thread.
 */

export async function loadModule(file: string, root: string): Promise<Record<string, unknown>> {
  let mod: Record<string, unknown>;
  try {
    if (isTypeScript(file)) await registerTypeScript();
    await registerAwaitPoints();
    mod = (await import(pathToFileURL(path.resolve(root, file)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new CliError(`cannot load ${file}: ${reason(e, root)}`);
  }
  return exportsOf(mod);
}

/**
 * A module's exports by name. A CommonJS module (a .ts file in a package without "type": "module",
 * which tsx compiles to CommonJS: npm's default) shows `import()` only `default`, its
 * `module.exports`, when Node cannot detect its names: its programs are read from there.
 */
function exportsOf(mod: Record<string, unknown>): Record<string, unknown> {
  const cjs = mod.default;
  if (cjs === null || typeof cjs !== 'object' || isProgram(cjs)) return mod;
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cjs)) if (isProgram(v)) merged[k] = v;
  return { ...merged, ...mod };
}

/** The names of the module's exported programs, sorted. */
export function programNames(mod: Record<string, unknown>): string[] {
  return Object.keys(mod)
    .filter((k) => isProgram(mod[k]))
    .sort(compare);
}

export function programOf(mod: Record<string, unknown>, name: string, file: string): Program {
  const p = mod[name];
  if (isProgram(p)) return p;
  const names = programNames(mod);
  const have = names.length ? `its programs are: ${names.join(', ')}` : 'it exports no program(...)';
  const what = name in mod ? `its export '${name}' is not a program(...)` : `it has no export '${name}'`;
  throw new CliError(`cannot replay ${file}#${name}: ${what}; ${have} (was it renamed since the trace?)`);
}

/** The first line or two of why an import failed, with the repository root stripped from paths. */
function reason(e: unknown, root: string): string {
  // A module may throw anything at its top level: describeThrown never throws on it.
  const text = describeThrown(e);
  const lines = stripRoot(text, root)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(0, 3).join(' ');
}

/** Repository paths made relative (`/repo/src/x.ts:3` → `src/x.ts:3`), as everywhere in reports. */
export function stripRoot(text: string, root: string): string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return text.split(pathToFileURL(prefix).href).join('').split(prefix).join('');
}
