// `npm run build`: compile src/ to dist/ (ESM JavaScript, .d.ts with declaration maps, source maps)
// and copy the one plain-JavaScript file the CLI's thread pool loads. The new dist/ is made beside
// the old one and swapped in, so no file of a deleted source lingers in the package and a CLI that
// is starting meanwhile (a test, say) finds a whole dist/ almost always.
import { execFileSync } from 'node:child_process';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// `npm pack` runs prepack and then prepare: build once.
const lifecycle = process.env.npm_lifecycle_event;
if (lifecycle === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const next = `dist.${process.pid}.tmp`;

rmSync(at(next), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', next], {
    cwd: root,
    stdio: 'inherit',
  });
  copyFileSync(at('src/cli/pool-worker.mjs'), at(`${next}/cli/pool-worker.mjs`));
  copyFileSync(at('src/transform/await-hooks.mjs'), at(`${next}/transform/await-hooks.mjs`));
  rmSync(at('dist'), { recursive: true, force: true });
  renameSync(at(next), at('dist'));
} finally {
  rmSync(at(next), { recursive: true, force: true });
}
