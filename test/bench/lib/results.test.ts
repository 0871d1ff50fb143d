// The results files of `npm run bench` (issue 5): the exact keys of results.json, a row for a
// scenario that could not run, and the Markdown table.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdown, notRun, writeResults, type BenchResults } from '../../../bench/lib/results.js';

const machine = {
  cpuModel: 'Test CPU', cores: 2, memoryGiB: 4, node: 'v20.0.0', sqlite: '3.45.0', platform: 'linux x64',
  loadAverageAtStart: [0.1, 0.2, 0.3], startedAt: '2026-11-26T12:00:00.000Z',
};

describe('bench results', () => {
  const results: BenchResults = {
    machine,
    mode: 'quick',
    scenarios: [
      { scenario: 'retrieval', value: 1200, unit: 'retrievals/s', baseline: 3000, ratio: 0.4, target: '≥ 1,000/s', met: true, note: 'a | b' },
      notRun('idle node', 'MB', '< 80 MB', 'did not run: no nginx'),
    ],
  };

  it('writes results.json with machine and the issue\'s row keys, and RESULTS.md', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipex-bench-results-'));
    try {
      writeResults(join(dir, 'results.json'), join(dir, 'RESULTS.md'), results);
      const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as BenchResults;
      expect(json.machine).to.deep.equal(machine);
      for (const row of json.scenarios) {
        expect(row).to.include.all.keys('scenario', 'value', 'unit', 'baseline', 'ratio', 'target', 'met');
      }
      expect(readFileSync(join(dir, 'RESULTS.md'), 'utf8')).to.equal(markdown(results));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a row for a scenario that could not run: value null, not met, with the reason', () => {
    expect(notRun('idle node', 'MB', '< 80 MB', 'why')).to.deep.equal({
      scenario: 'idle node', value: null, unit: 'MB', baseline: null, ratio: null, target: '< 80 MB', met: false, note: 'why',
    });
  });

  it('renders a table row per scenario, marks misses and escapes pipes', () => {
    const md = markdown(results);
    expect(md).to.contain('| retrieval | 1200 | retrievals/s | 3000 | 0.4 | ≥ 1,000/s | yes | a \\| b |');
    expect(md).to.contain('| idle node | — | MB | — | — | < 80 MB | **no** | did not run: no nginx |');
    expect(md).to.contain('Test CPU, 2 cores');
    expect(md).to.not.contain('was busy');
  });

  it('warns that the numbers are pessimistic when the machine was busy at the start', () => {
    const md = markdown({ ...results, machine: { ...machine, loadAverageAtStart: [3.5, 2, 1] } });
    expect(md).to.contain('The machine was busy when this run started (load average 3.5 on 2 cores)');
  });
});
