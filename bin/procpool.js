#!/usr/bin/env node
// The procpool command: a launcher of the built CLI (npm run build writes dist/). The build
// bundles the CLI into one file, which starts ~0.1 s sooner than its ~140 modules one by one
// (0.17 s against 0.27 s for `procpool --help` here); a bare `tsc` build has only the modules.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/main/cli/procpool.bundle.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : new URL('../dist/main/cli/index.js', import.meta.url).href);

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Normally nothing is left running and Node exits by itself; this is the backstop.
setTimeout(() => process.exit(code), 2000).unref();
