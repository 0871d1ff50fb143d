#!/usr/bin/env -S UV_THREADPOOL_SIZE=16 node --max-semi-space-size=4 --v8-pool-size=1
// The `ipex` command. Its first line sizes V8's young generation for a long-running node: 4 MB
// semi-spaces instead of up to 16 MB each, which start-up would otherwise grow to and keep
// resident while the node idles (about 25 MB of RSS; docs/operations.md). It also gives libuv's
// thread pool 16 threads instead of 4: every stored part costs two or three fsyncs there, and
// with four at a time a bulk deposit or import waited for the pool (docs/benchmarks.md). libuv
// reads UV_THREADPOOL_SIZE once, before any code here runs, so it can only be set out here.
//
// It runs the JavaScript build in dist/ (made by `npm install`, or again by `npm run build`) when
// that build matches the TypeScript sources, which starts faster and leaner; otherwise it runs
// the sources through tsx's loader, so that an edited clone always runs what it says.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from './build-state.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
let cli;
if (buildIsCurrent(root)) {
  cli = await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../node/cli/main.ts');
}
process.exitCode = await cli.main(process.argv);
