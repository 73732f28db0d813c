import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Vitest's global setup: the tests that spawn the `interleave` command run the compiled CLI
 * (bin/interleave.js loads dist/), as an installed package does. `npm ci` builds dist/; this
 * rebuilds it when a source is newer, so a test never runs yesterday's CLI.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const built = path.join(ROOT, 'dist/cli/main.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
