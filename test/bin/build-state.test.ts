/**
 * bin/build-state.js decides whether `ipex` may run the JavaScript build: only when it was made
 * from the sources exactly as they are. Any edit, new file or removed file must send it back to
 * the sources, or a developer would run code that is not what they see.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { BUILD_FOLDER, STAMP_FILE, buildIsCurrent, sourceFiles, sourceFingerprint } from '../../bin/build-state.js';

describe('bin/build-state', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ipex-build-state-'));
    for (const [file, text] of [['protocol/a.ts', 'export const a = 1;\n'], ['node/sub/b.ts', 'export const b = 2;\n'], ['certs/c.ts', 'export const c = 3;\n'], ['node/notes.md', 'not code\n']] as const) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const stamp = (fingerprint: string): void => {
    mkdirSync(join(root, BUILD_FOLDER), { recursive: true });
    writeFileSync(join(root, BUILD_FOLDER, STAMP_FILE), JSON.stringify({ fingerprint }));
  };

  it('lists the runtime TypeScript files only, sorted', () => {
    expect(sourceFiles(root)).to.deep.equal(['certs/c.ts', 'node/sub/b.ts', 'protocol/a.ts']);
  });

  it('is current only with a stamp of the sources as they are', () => {
    expect(buildIsCurrent(root), 'no build').to.equal(false);
    stamp('0'.repeat(64));
    expect(buildIsCurrent(root), 'a stamp of other sources').to.equal(false);
    stamp(sourceFingerprint(root));
    expect(buildIsCurrent(root)).to.equal(true);
  });

  // issue 13, offline install: the release archive ships dist/ without the sources
  it('runs the build of a release, which has no sources, but never a missing build', () => {
    for (const folder of ['protocol', 'node', 'certs']) rmSync(join(root, folder), { recursive: true, force: true });
    mkdirSync(join(root, 'node', 'storage', 'migrations'), { recursive: true }); // a release has these, no TypeScript
    expect(sourceFiles(root)).to.deep.equal([]);
    expect(buildIsCurrent(root), 'no build').to.equal(false);
    stamp('0'.repeat(64));
    expect(buildIsCurrent(root)).to.equal(true);
  });

  it('goes stale when a source is edited, touched, added or removed', () => {
    const edits: [string, () => void][] = [
      ['edited', () => writeFileSync(join(root, 'protocol/a.ts'), 'export const a = 10;\n')],
      ['touched', () => utimesSync(join(root, 'certs/c.ts'), new Date(), new Date(Date.now() + 5_000))],
      ['added', () => writeFileSync(join(root, 'node/d.ts'), 'export {};\n')],
      ['removed', () => unlinkSync(join(root, 'node/sub/b.ts'))],
    ];
    for (const [what, edit] of edits) {
      stamp(sourceFingerprint(root));
      expect(buildIsCurrent(root), `before the source is ${what}`).to.equal(true);
      edit();
      expect(buildIsCurrent(root), `after the source is ${what}`).to.equal(false);
    }
  });

  it('is not current when the stamp is unreadable', () => {
    mkdirSync(join(root, BUILD_FOLDER));
    writeFileSync(join(root, BUILD_FOLDER, STAMP_FILE), '{ not json');
    expect(buildIsCurrent(root)).to.equal(false);
  });
});
