#!/usr/bin/env node
// The `ipex` command. The sources are TypeScript, run through tsx's loader so that a fresh clone
// works after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../node/cli/main.ts');
process.exitCode = await main(process.argv);
