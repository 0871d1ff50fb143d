/**
 * Bulk import of a digitised archive (issue 15, docs/importing.md): a generated archive of 10,000
 * documents with one 100 KB PDF part each (2,000 in --quick), written by `npm run sample-archive`'s
 * generator, imported by the code of `ipex import` (runImport) on a started node's deposit service,
 * in process: every row checked (part heads sniffed), then deposited with `ipex import`'s default
 * concurrency (DEFAULT_CONCURRENCY) with the journal
 * and the fsynced secrets file. Figures: documents/s and MB/s of the deposit pass; one run (the
 * archive is imported once). Target ≥ 500 documents/s. The letters PDF is not part of the figure.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONCURRENCY, runImport } from '../../node/services/import/run-import.js';
import { SecretsFile } from '../../node/services/import/import-secrets.js';
import { writeSampleArchive } from '../../scripts/sample-archive.js';
import { scratch, setupNetwork, startInProcess } from '../lib/network.js';
import { mainThreadCpuSeconds } from '../lib/child-node.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { round } from '../lib/stats.js';

export const archiveImport: Scenario = {
  id: 'import',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const tmp = scratch('archive-import');
    try {
      const documents = ctx.quick ? 2_000 : 10_000;
      const archive = join(tmp.dir, 'archive');
      writeSampleArchive({ out: archive, documents, bad: 0, office: 'EP', partSize: 100 * 1024 });
      const net = await setupNetwork(tmp.dir);
      const { node, deposits } = await startInProcess(net.epDir);
      let depositStart = 0;
      let cpu = process.cpuUsage();
      let main = 0;
      const started = performance.now();
      let result;
      try {
        const outDir = join(tmp.dir, 'out');
        mkdirSync(outDir);
        const secrets = await SecretsFile.create(join(outDir, 'secrets.csv'));
        result = await runImport(deposits, { dir: archive, outDir, dryRun: false, secrets, onEvent: (e) => { // `ipex import`'s default concurrency
          if (e.event === 'validated') {
            depositStart = performance.now();
            cpu = process.cpuUsage();
            main = mainThreadCpuSeconds();
          }
        } });
        await secrets.close();
        cpu = process.cpuUsage(cpu);
        main = mainThreadCpuSeconds() - main;
      } finally {
        await node.close();
      }
      const seconds = (performance.now() - depositStart) / 1000;
      const rate = result.counts.deposited / seconds;
      const mbps = result.counts.bytes / 1e6 / seconds;
      // The process's CPU (every thread) per document of the deposit pass: steadier than the rate on a shared machine.
      const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, result.counts.deposited);
      const mainMs = main * 1000 / Math.max(1, result.counts.deposited);
      ctx.log(`  ${result.counts.deposited} documents in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} documents/s, ${mbps.toFixed(1)} MB/s, CPU a document ${cpuMs.toFixed(2)} ms, ${mainMs.toFixed(2)} ms of it on the main thread (check pass ${((depositStart - started) / 1000).toFixed(1)} s)`);
      const note = `${ctx.quick ? 'QUICK: ' : ''}${result.counts.deposited} documents of 100 KB deposited by runImport (ipex import) in process, ${DEFAULT_CONCURRENCY} in flight (its default), journal + fsynced secrets file; deposit pass only (check pass ${((depositStart - started) / 1000).toFixed(1)} s before it)`;
      return [
        { scenario: 'import of an archive of 10,000 documents of 100 KB', value: round(rate), unit: 'documents/s', baseline: null, ratio: null, target: '≥ 500/s', met: rate >= 500, note,
          details: { documents: result.counts.deposited, seconds: round(seconds), megabytesPerSecond: round(mbps), cpuMsPerDocument: round(cpuMs), mainThreadCpuMsPerDocument: round(mainMs), checkSeconds: round((depositStart - started) / 1000) } },
      ];
    } finally {
      tmp.dispose();
    }
  },
};
