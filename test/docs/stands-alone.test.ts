/**
 * The repository stands alone (issue 10, item 20): the design it follows is docs/design.md, and
 * nothing it ships points at a file outside it (a design document or a sibling folder that a
 * fresh clone does not have).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const OUTSIDE = [/\bDESIGN\.md\b/, /\.\.\/shared\b/];

function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && !f.endsWith('package-lock.json') && !/\.(png|jpg|pdf|p12|der|zip)$/.test(f));
}

describe('the repository stands alone', () => {
  it('cites no design document or folder outside the repository', () => {
    const offenders: string[] = [];
    for (const file of trackedTextFiles()) {
      if (file === 'test/docs/stands-alone.test.ts') continue; // names the patterns it looks for
      const lines = readFileSync(`${root}${file}`, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (OUTSIDE.some((re) => re.test(line))) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(offenders, offenders.join('\n')).to.deep.equal([]);
  });

  it('carries the design in docs/, with the sections the sources cite', () => {
    const design = readFileSync(`${root}docs/design.md`, 'utf8');
    const sections = new Set([...design.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1])));
    const cited = new Set<number>();
    for (const file of trackedTextFiles()) {
      for (const m of readFileSync(`${root}${file}`, 'utf8').matchAll(/design\.md\)? §(\d+)/g)) cited.add(Number(m[1]));
    }
    expect(cited.size).to.be.greaterThan(5);
    for (const section of cited) expect(sections.has(section), `docs/design.md has no section ${section}`).to.equal(true);
  });
});

describe('the documentation links', () => {
  it('point at files that exist (issue 10, item 19: docs/exchange.md linked a missing page)', () => {
    const broken: string[] = [];
    const pages = trackedTextFiles().filter((f) => f.endsWith('.md'));
    for (const page of pages) {
      const text = readFileSync(`${root}${page}`, 'utf8');
      const dir = page.includes('/') ? page.slice(0, page.lastIndexOf('/') + 1) : '';
      // Markdown links, and paths written as code that name a page of docs/.
      const targets = [
        ...[...text.matchAll(/\]\(([^)\s#]+)(#[^)\s]*)?\)/g)].map((m) => ({ target: m[1]!, base: dir })),
        ...[...text.matchAll(/`(docs\/[a-z0-9-]+\.md)`/g)].map((m) => ({ target: m[1]!, base: '' })),
        ...[...text.matchAll(/(?<![\w/.])(docs\/[a-z0-9-]+\.md)/g)].map((m) => ({ target: m[1]!, base: '' })),
      ];
      for (const { target, base } of targets) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const path = new URL(target, `file://${root}${base}`).pathname;
        if (!existsSync(path)) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });
});
