#!/usr/bin/env node
// The `interleave` command. Plain JavaScript so it runs as is: it registers tsx (to load the
// TypeScript sources and the user's .ts programs), then hands over to src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
