/**
 * The Node options an installed node runs with (docs/operations.md, docs/architecture.md "V8 is
 * sized for a server"; issue 14, idle memory): the first line of bin/ipex.js, the release
 * archive's start script and the docs must name the same ones, or an office that follows one of
 * them runs a node tens of megabytes larger than the figures say.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const OPTIONS = ['--max-semi-space-size=4', '--v8-pool-size=1'];
/** libuv's thread pool (issue 15, bulk deposit and import: two or three fsyncs a part run there). */
const POOL = 'UV_THREADPOOL_SIZE=16';

describe('the Node options of an installed node (issue 14)', () => {
  it('are on the first line of bin/ipex.js', () => {
    const first = read('bin/ipex.js').split('\n', 1)[0]!;
    expect(first).to.equal(`#!/usr/bin/env -S ${POOL} node ${OPTIONS.join(' ')}`);
  });

  it('are passed by the release archive\'s start script', () => {
    const script = read('scripts/release/ipex-start');
    expect(script).to.contain(`exec "$node_bin" ${OPTIONS.join(' ')} "$here/bin/ipex.js" start`);
    expect(script).to.contain(`UV_THREADPOOL_SIZE=\${UV_THREADPOOL_SIZE:-${POOL.split('=')[1]}}\nexport UV_THREADPOOL_SIZE\n`);
  });

  it('are the ones docs/operations.md tells an office to give node when it calls it directly', () => {
    const ops = read('docs/operations.md');
    expect(ops).to.contain(`\`${OPTIONS.join(' ')}\``);
    expect(ops).to.contain(`\`${POOL} node ${OPTIONS.join(' ')} /opt/ipex/bin/ipex.js start …\``);
  });
});
