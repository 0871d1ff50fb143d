/**
 * issue 10, item 7: a genuine copy must not look forged. Two development nodes on one machine
 * belong to two networks with distinct names and roots; the command `ipex export` prints to check
 * what it wrote works exactly as printed, even when the default data folder ($IPEX_DATA here,
 * ./data for a person) is the other network's node.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { networkPaths, readRegister } from '../../../certs/network/index.js';
import { devNetworkOf, ensureDevNode } from '../../../node/cli/dev-network.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { runCli } from './run-cli.js';
import { shellWords } from '../../helpers/shell-words.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

/** Splits a command line the way a POSIX shell does for bare and single-quoted words. */
describe('ipex export prints a verify command that works as printed (issue 10, item 7)', function () {
  this.timeout(120_000);
  let root: string;
  let jp: string;
  let other: string;
  const savedData = process.env.IPEX_DATA;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex export verify '));
    jp = join(root, 'jp');
    other = join(root, 'data');
    await ensureDevNode(jp, { officeCode: 'JP', exchangePort: 0, officeApiPort: 0, output: quiet });
    await ensureDevNode(other, { officeCode: 'JP', exchangePort: 0, officeApiPort: 0, output: quiet });
    writeFileSync(join(root, 'pd.pdf'), '%PDF-1.7 priority document');
  });
  after(() => {
    if (savedData === undefined) delete process.env.IPEX_DATA;
    else process.env.IPEX_DATA = savedData;
    rmSync(root, { recursive: true, force: true });
  });

  it('gives every development network its own name, so two roots never share a subject', () => {
    const names = [jp, other].map((d) => readRegister(devNetworkOf(d)!).name);
    for (const name of names) expect(name).to.match(/^ipex-dev-[0-9a-f]{8}$/);
    expect(names[0]).to.not.equal(names[1]);
    const subjects = [jp, other].map((d) => new X509Certificate(readFileSync(dataPaths(d).trust.root)).subject);
    expect(subjects[0]).to.not.equal(subjects[1]);
    expect(readFileSync(networkPaths(devNetworkOf(jp)!).rootCert, 'utf8')).to.equal(readFileSync(dataPaths(jp).trust.root, 'utf8'));
  });

  it('the printed `ipex verify … --data …` verifies the export while the default data folder is another network', async () => {
    const dep = await runCli(['--json', 'deposit', '--data', jp, '--kind', 'priorityDocument', '--application', 'JP2023123456',
      '--filing-date', '2023-05-01', '--ip-right', 'patent', '--part', join(root, 'pd.pdf')]);
    expect(dep.code, dep.err).to.equal(0);
    const documentId = JSON.parse(dep.out).documentId as string;
    const copy = join(root, 'copy');
    const exported = await runCli(['export', documentId, '--out', copy, '--data', jp]);
    expect(exported.code, exported.err).to.equal(0);
    const printed = /check it with `([^`]+)`/.exec(exported.out)?.[1];
    expect(printed, exported.out).to.be.a('string');
    const words = shellWords(printed!);
    expect(words.slice(0, 2)).to.deep.equal(['ipex', 'verify']);

    process.env.IPEX_DATA = other; // what `ipex verify ./copy` alone would trust
    const alone = await runCli(['verify', copy]);
    expect(alone.code).to.not.equal(0);
    expect(alone.err).to.contain('[CERT_UNTRUSTED]');
    const asPrinted = await runCli(words.slice(1));
    expect(asPrinted.code, asPrinted.out + asPrinted.err).to.equal(0);
    expect(asPrinted.out).to.contain(`trusted root: ${dataPaths(jp).trust.root}`);
  });
});
