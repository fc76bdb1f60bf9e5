#!/usr/bin/env node
// The procpool command: a launcher of the built CLI (npm run build writes dist/).
import { main } from '../dist/main/cli/index.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Normally nothing is left running and Node exits by itself; this is the backstop.
setTimeout(() => process.exit(code), 2000).unref();
