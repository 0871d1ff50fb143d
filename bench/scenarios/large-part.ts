/**
 * A 1 GiB part (issue 5, docs/design.md §9 "streams everywhere"): the EP node runs as a child process;
 * the part is deposited through the office API (staff token; draft, streamed PUT, commit that
 * signs the manifest and a detached CMS over the part), then retrieved by JP over the exchange
 * API (signed POST /retrievals, signed GET of the part, hashed as it streams). Figures: MB/s
 * each way (1 MB = 10^6 bytes) and the node's peak resident memory (VmHWM).
 * Baselines in the same run, on the same file: `sha256sum` and a plain `cp`; the target is
 * ≥ 60 % of the slower of the two, and a peak RSS < 150 MB. In --quick, 256 MiB (said in the rows).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { systemClock, systemRandom } from '../../protocol/runtime/clock.js';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { openNodeDatabase } from '../../node/storage/open-node-database.js';
import { startChildNode } from '../lib/child-node.js';
import { applicationNumber, scratch, setupNetwork, wireApplicationNumber } from '../lib/network.js';
import { PeerClient } from '../lib/peer-client.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { round } from '../lib/stats.js';

const MB = 1e6;

function writeRandomFile(path: string, size: number): void {
  const fd = openSync(path, 'wx');
  try {
    const block = randomBytes(8 * 2 ** 20);
    for (let written = 0; written < size;) {
      block.writeUInt32BE(written >>> 0, 0); // no two blocks alike
      const n = Math.min(block.length, size - written);
      written += writeSync(fd, block, 0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function timed(work: () => void): number {
  const t = performance.now();
  work();
  return (performance.now() - t) / 1000;
}

interface OfficeReply { status: number; json: Record<string, unknown> }

/** One office API call; `file` streams a file as the body. */
function officeCall(port: number, token: string, method: string, path: string, body?: { json: unknown } | { file: string; size: number }): Promise<OfficeReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    let payload: Buffer | undefined;
    if (body !== undefined && 'json' in body) {
      payload = Buffer.from(JSON.stringify(body.json));
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(payload.length);
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/octet-stream';
      headers['Content-Length'] = String(body.size);
    }
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try { json = JSON.parse(text) as Record<string, unknown>; } catch { json = { text }; }
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`));
        else resolve({ status: res.statusCode ?? 0, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined && 'file' in body) createReadStream(body.file).on('error', reject).pipe(req);
    else req.end(payload);
  });
}

export const largePart: Scenario = {
  id: 'large-part',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const size = (ctx.quick ? 256 : 1024) * 2 ** 20;
    const label = ctx.quick ? 'QUICK: 256 MiB part, not 1 GiB; ' : '';
    const tmp = scratch('large-part');
    try {
      const net = await setupNetwork(tmp.dir);
      const { db } = openNodeDatabase(net.epDir);
      const { token } = new StaffTokens(db, systemClock, systemRandom).create('clerk', 'bench');
      db.close();

      const file = join(tmp.dir, 'part.bin');
      writeRandomFile(file, size);
      ctx.log(`  wrote a ${(size / 2 ** 20).toFixed(0)} MiB test file`);
      const shaSeconds = timed(() => execFileSync('sha256sum', [file], { stdio: 'ignore' }));
      const copy = join(tmp.dir, 'part.copy');
      const cpSeconds = timed(() => execFileSync('cp', [file, copy], { stdio: 'ignore' }));
      rmSync(copy);
      const shaRate = size / MB / shaSeconds;
      const cpRate = size / MB / cpSeconds;
      const baseline = Math.min(shaRate, cpRate);
      ctx.log(`  baselines: sha256sum ${shaRate.toFixed(0)} MB/s, cp ${cpRate.toFixed(0)} MB/s`);

      const node = await startChildNode(net.epDir);
      const client = new PeerClient({ as: net.jp, port: net.epExchangePort, publicUrl: net.publicUrl, sign: true, maxSockets: 4 });
      let depositSeconds: number;
      let retrieveSeconds: number;
      let peak: number;
      try {
        const application = applicationNumber(7);
        const draft = await officeCall(net.epOfficeApiPort, token, 'POST', '/api/v1/deposits', { json: {
          documentKind: 'priorityDocument',
          bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: application, filingDate: '2024-03-01', ipRightType: 'patent' },
        } });
        const depositId = String(draft.json.depositId);
        let t = performance.now();
        await officeCall(net.epOfficeApiPort, token, 'PUT', `/api/v1/deposits/${depositId}/parts/big.bin?mediaType=application%2Foctet-stream`, { file, size });
        const committed = await officeCall(net.epOfficeApiPort, token, 'POST', `/api/v1/deposits/${depositId}/commit`, { json: {} });
        depositSeconds = (performance.now() - t) / 1000;
        ctx.log(`  deposit: ${(size / MB / depositSeconds).toFixed(0)} MB/s (upload + commit)`);

        t = performance.now();
        const asked = await client.request('POST', '/exchange/v1/retrievals', {
          ipOfficeCode: 'EP', applicationNumberText: wireApplicationNumber(7), filingDate: '2024-03-01', ipRightType: 'patent',
          accessCode: String(committed.json.accessCode), requestId: randomUUID(),
        });
        if (asked.status !== 200) throw new Error(`POST /retrievals answered ${asked.status}: ${asked.body.toString('utf8').slice(0, 300)}`);
        const part = (JSON.parse(asked.body.toString('utf8')) as { document: { parts: { url: string; sha256: string }[] } }).document.parts[0]!;
        const got = await client.download(new URL(part.url).pathname);
        retrieveSeconds = (performance.now() - t) / 1000;
        if (got.status !== 200 || got.size !== size || got.sha256 !== part.sha256) throw new Error(`the retrieved part differs (status ${got.status}, ${got.size} bytes)`);
        ctx.log(`  retrieval: ${(size / MB / retrieveSeconds).toFixed(0)} MB/s`);
        peak = node.peakRss();
      } finally {
        client.close();
        await node.stop();
      }
      const depositRate = size / MB / depositSeconds;
      const retrieveRate = size / MB / retrieveSeconds;
      const baseNote = `baseline = slower of sha256sum (${shaRate.toFixed(0)} MB/s) and cp (${cpRate.toFixed(0)} MB/s) of the same file`;
      const common = { sizeBytes: size, sha256sumMBps: round(shaRate), cpMBps: round(cpRate) };
      return [
        {
          scenario: 'deposit of a 1 GiB part', value: round(depositRate), unit: 'MB/s', baseline: round(baseline), ratio: round(depositRate / baseline),
          target: '≥ 60% of the slower of sha256sum and cp', met: depositRate / baseline >= 0.6,
          note: `${label}office API upload (streamed PUT) + commit (manifest JWS, CMS over the part), node in a child process; ${baseNote}`,
          details: { ...common, seconds: round(depositSeconds) },
        },
        {
          scenario: 'retrieval of a 1 GiB part by a peer', value: round(retrieveRate), unit: 'MB/s', baseline: round(baseline), ratio: round(retrieveRate / baseline),
          target: '≥ 60% of the slower of sha256sum and cp', met: retrieveRate / baseline >= 0.6,
          note: `${label}signed POST /retrievals + signed GET over mutual TLS, hashed by the client as it streams; ${baseNote}`,
          details: { ...common, seconds: round(retrieveSeconds) },
        },
        {
          scenario: 'peak RSS of the node during the 1 GiB deposit and retrieval', value: round(peak / MB), unit: 'MB', baseline: null, ratio: null,
          target: '< 150 MB', met: peak / MB < 150,
          note: `${label}VmHWM of the node process (start-up included)`,
        },
      ];
    } finally {
      tmp.dispose();
    }
  },
};
