// `npm run build`: compile src/ to dist/ (ESM JavaScript, .d.ts with declaration maps, source maps)
// and copy the one plain-JavaScript file the CLI's thread pool loads. dist/ is made afresh, so no
// file of a deleted source lingers in the package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// `npm pack` runs prepack and then prepare: build once.
const lifecycle = process.env.npm_lifecycle_event;
if (lifecycle === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

rmSync(at('dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
copyFileSync(at('src/cli/pool-worker.mjs'), at('dist/cli/pool-worker.mjs'));
