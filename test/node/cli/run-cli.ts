/** Runs `ipex` in-process, as a person would call it, and captures what it prints. */
import { join } from 'node:path';
import { main } from '../../../node/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(args: readonly string[]): Promise<CliRun> {
  const captured = { out: '', err: '' };
  const streams = {
    stdout: { write: (chunk: string) => { captured.out += chunk; } },
    stderr: { write: (chunk: string) => { captured.err += chunk; } },
  };
  const code = await main(['node', 'ipex', ...args], streams);
  return { code, ...captured };
}

/**
 * A data folder of office EP set up through the command line alone (`network init`,
 * `add-office`, `node init`) under `root`, for the tests of commands that work on one.
 */
export async function initCliNode(root: string): Promise<string> {
  const net = join(root, 'net');
  const steps = [
    ['network', 'init', '--dir', net, '--name', 'cli-net', '--development'],
    ['network', 'add-office', '--dir', net, '--code', 'EP', '--name', 'EPO', '--url', 'https://127.0.0.1:8443'],
    ['node', 'init', '--bundle', join(net, 'offices', 'EP'), '--data', join(root, 'ep')],
  ];
  for (const args of steps) {
    const run = await runCli(args);
    if (run.code !== 0) throw new Error(`ipex ${args.slice(0, 2).join(' ')} failed: ${run.err}`);
  }
  return join(root, 'ep');
}
