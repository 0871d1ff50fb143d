/** Runs `ipex` in-process, as a person would call it, and captures what it prints. */
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
