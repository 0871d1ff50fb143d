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

describe('the Node options of an installed node (issue 14)', () => {
  it('are on the first line of bin/ipex.js', () => {
    const first = read('bin/ipex.js').split('\n', 1)[0]!;
    expect(first).to.equal(`#!/usr/bin/env -S node ${OPTIONS.join(' ')}`);
  });

  it('are passed by the release archive\'s start script', () => {
    expect(read('scripts/release/ipex-start')).to.contain(`exec "$node_bin" ${OPTIONS.join(' ')} "$here/bin/ipex.js" start`);
  });

  it('are the ones docs/operations.md tells an office to give node when it calls it directly', () => {
    const ops = read('docs/operations.md');
    expect(ops).to.contain(`\`${OPTIONS.join(' ')}\``);
    expect(ops).to.contain(`\`node ${OPTIONS.join(' ')} /opt/ipex/bin/ipex.js start …\``);
  });
});
