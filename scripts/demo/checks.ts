/**
 * The checks of `npm run demo -- --smoke` and of the integration tests, done the way an office
 * or an auditor would: the retrieving office's certified-copy export (office API
 * `GET /copies/{id}/bundle`, docs/design.md §5) unpacked to a bundle folder and checked with
 * `ipex verify`; each node's audit bundle (docs/design.md §7) exported after its exchanges and
 * checked with `ipex audit verify` against the log key in a node's installed directory.
 * The two commands run as child processes (`node bin/ipex.js`), exactly as a person runs them.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { openBundleZip } from '../../protocol/certification/bundle-zip.js';
import { createDirAtomic } from '../../protocol/files/atomic-write.js';
import { exportAuditBundle, type AuditBundleInfo } from '../../node/services/audit/export-bundle.js';
import type { RunningNode } from '../../node/runtime/start-node.js';
import type { OfficeApi } from './office-api.js';

/** The repository root (where bin/ipex.js is). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ipex ARGS` in a child process and collects its output. */
export function runIpex(args: readonly string[], timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'ipex.js'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode: code ?? (signal === null ? 1 : 128), stdout, stderr });
    });
  });
}

/**
 * Saves the retrieving office's export of a certified copy: the ZIP from its office API at
 * `<dir>.zip`, and the same bundle unpacked as the folder `dir` (created whole or not at all).
 */
export async function saveCopyBundle(api: OfficeApi, copyId: string, dir: string): Promise<{ zip: string; dir: string }> {
  mkdirSync(dirname(dir), { recursive: true });
  const zip = `${dir}.zip`;
  await api.saveCopyBundle(copyId, zip);
  const source = await openBundleZip(zip);
  try {
    await createDirAtomic(dir, async (tmp) => {
      for (const path of source.files.keys()) {
        const target = join(tmp, ...path.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        await pipeline(await source.open(path), createWriteStream(target, { flags: 'wx' }));
      }
    });
  } finally {
    await source.close();
  }
  return { zip, dir };
}

/** Exports a running node's audit bundle to `dir` (which must not exist). */
export function exportNodeAudit(node: RunningNode, dir: string): Promise<AuditBundleInfo> {
  const { audit, identity, clock } = node.context;
  mkdirSync(dirname(dir), { recursive: true });
  return exportAuditBundle({ audit, identity, clock, out: dir });
}

/** `ipex verify BUNDLE --data DATA --office OFFICE`: the bundle against the root and CRL of a node's trust folder. */
export function verifyCopyWithCli(bundle: string, trustingDataDir: string, office: string): Promise<CliRun> {
  return runIpex(['--json', 'verify', bundle, '--data', trustingDataDir, '--office', office]);
}

/** `ipex audit verify BUNDLE --data DATA`: with the log key from the directory installed in DATA. */
export function verifyAuditWithCli(bundle: string, trustingDataDir: string): Promise<CliRun> {
  return runIpex(['--json', 'audit', 'verify', bundle, '--data', trustingDataDir]);
}
