#!/usr/bin/env node
// The `interleave` command: the compiled CLI (`npm run build` makes dist/; `npm ci` and `npm pack`
// run it). A user's TypeScript programs are loaded through tsx when the CLI meets one.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('interleave: the compiled CLI (dist/) is missing: run `npm run build` first\n');
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
