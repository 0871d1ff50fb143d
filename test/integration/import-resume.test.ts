/**
 * The "done when" of issue 15's import, smaller: a generated archive with planted bad rows is
 * imported by `ipex import` in a child process with --json progress, killed with SIGKILL twice at
 * different points, and run again to the end. No document is deposited twice (documents, drafts
 * committed and `deposit.committed` audit entries counted), the last run reports what it skipped,
 * the validation report names every planted bad row, and the newest secrets of every priority
 * document are its current ones.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { ensureDevNode } from '../../node/cli/dev-network.js';
import { createOutput } from '../../node/cli/output.js';
import { withDepositService } from '../../node/cli/deposit-workspace.js';
import { writeSampleArchive, BAD_KINDS } from '../../scripts/sample-archive.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DOCUMENTS = 240;

interface Run { code: number | null; events: Record<string, unknown>[]; killed: boolean }

/** Runs `ipex --json import`; with `killAfter`, SIGKILLs it once that many documents are reported deposited. */
function importRun(args: string[], killAfter?: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, 'bin/ipex.js'), '--json', 'import', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const events: Record<string, unknown>[] = [];
    let buffered = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const event = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>;
        buffered = buffered.slice(nl + 1);
        events.push(event);
        if (killAfter !== undefined && !killed && event.event === 'deposited' && events.filter((e) => e.event === 'deposited').length >= killAfter) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.resume();
    child.on('exit', (code) => resolve({ code, events, killed }));
  });
}

describe('integration: ipex import killed half-way and run again (issue 15)', function () {
  this.timeout(600_000);
  let root: string;
  let data: string;
  let archive: string;
  let planted: { line: number; kind: string }[];

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-import-'));
    data = join(root, 'data');
    archive = join(root, 'archive');
    await ensureDevNode(data, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true) });
    planted = writeSampleArchive({ out: archive, documents: DOCUMENTS, bad: 1, office: 'EP', partSize: 0 });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('checks with --dry-run and changes nothing', async () => {
    const run = await importRun([archive, '--data', data, '--out', join(root, 'dry'), '--dry-run']);
    expect(run.code).to.equal(3);
    const done = run.events.at(-1)!;
    expect(done).to.include({ event: 'done', dryRun: true, rows: DOCUMENTS + planted.length, deposited: 0, refused: planted.length });
    const db = new Database(join(data, 'ipex.db'), { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).to.equal(0);
      expect((db.prepare('SELECT count(*) AS n FROM import_journal').get() as { n: number }).n).to.equal(0);
    } finally {
      db.close();
    }
  });

  it('deposits every good row once across two kills, and reports every planted bad row', async () => {
    // Killed after half the rows were deposited: with 64 rows in flight (the default) the first
    // rows' secrets and journal `done` are certainly written by then, so the second run skips some.
    const first = await importRun([archive, '--data', data, '--out', join(root, 'run1')], DOCUMENTS / 2);
    expect(first.killed, 'the first run was killed').to.equal(true);
    const second = await importRun([archive, '--data', data, '--out', join(root, 'run2')], 60);
    expect(second.killed, `the second run was killed (exit ${second.code}: ${JSON.stringify(second.events.slice(-2))})`).to.equal(true);
    expect(second.events[0]).to.include({ event: 'validated' });
    expect((second.events[0]!.skipped as number)).to.be.greaterThan(0);
    const last = await importRun([archive, '--data', data, '--out', join(root, 'run3')]);
    expect(last.code).to.equal(3); // IMPORT_ROWS_REFUSED: the planted rows
    const done = last.events.at(-1)!;
    expect(done).to.include({ event: 'done', refused: planted.length });
    expect((done.skipped as number) + (done.deposited as number) + (done.completed as number)).to.equal(DOCUMENTS);
    expect(done.skipped as number).to.be.greaterThan(0);

    const db = new Database(join(data, 'ipex.db'), { readonly: true });
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    try {
      expect(count('SELECT count(*) AS n FROM documents')).to.equal(DOCUMENTS);
      expect(count("SELECT count(*) AS n FROM deposits WHERE state = 'committed'")).to.equal(DOCUMENTS);
      expect(count("SELECT count(*) AS n FROM audit_entries WHERE type = 'deposit.committed'")).to.equal(DOCUMENTS);
      expect(count("SELECT count(DISTINCT application_number || kind) AS n FROM documents")).to.equal(DOCUMENTS);
      expect(count("SELECT count(*) AS n FROM import_journal WHERE state = 'done'")).to.equal(DOCUMENTS);
    } finally {
      db.close();
    }

    // The report of the last run names every planted row, by line, with a reason of its kind.
    const report = JSON.parse(readFileSync(join(root, 'run3', 'report.json'), 'utf8')) as { refused: { line: number; code: string }[] };
    const expected: Record<(typeof BAD_KINDS)[number], string> = {
      'bad-number': 'APPLICATION_NUMBER_INVALID', 'bad-date': 'BIBLIOGRAPHIC_INVALID', 'missing-part': 'IMPORT_PART_MISSING',
      'wrong-bytes': 'PART_MEDIA_TYPE_MISMATCH', duplicate: 'IMPORT_ROW_DUPLICATE', malformed: 'IMPORT_ROW_MALFORMED',
    };
    expect(report.refused.map((r) => [r.line, r.code])).to.deep.equal(planted.map((p) => [p.line, expected[p.kind as keyof typeof expected]]));
    expect(readFileSync(join(root, 'run3', 'report.csv'), 'utf8').split('\n')[0]).to.equal('line,applicationNumber,code,reason,folder');

    // Secrets: 0600 files; for each priority document the newest line is its current code and key.
    const newest = new Map<string, string[]>();
    for (const run of ['run1', 'run2', 'run3']) {
      const file = join(root, run, 'secrets.csv');
      expect(statSync(file).mode & 0o777, run).to.equal(0o600);
      for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) newest.set(line.split(',')[0]!, line.split(','));
    }
    await withDepositService({ data }, (service) => {
      const priority = service.list({ documentKind: 'priorityDocument', limit: 500 }).items;
      expect(newest.size).to.equal(priority.length);
      for (const doc of priority) {
        const [, , code, key] = newest.get(doc.documentId)!;
        expect(service.accessCodeMatches(doc.documentId, code!), doc.documentId).to.equal(true);
        expect(service.applicantMayAccess(doc.documentId, key!), doc.documentId).to.equal(true);
      }
    });
    expect(statSync(join(root, 'run3', 'letters.pdf')).size).to.be.greaterThan(1000);
  });
});
