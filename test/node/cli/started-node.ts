/** `ipex start` as its own process (bin/ipex.js), for the tests of what happens to a running node's processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** Resolves once it says that the node runs; `output` is everything it printed so far (stdout and stderr). */
export async function startedNode(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [join(REPO, 'bin/ipex.js'), 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let printed = '';
  child.stderr!.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      printed += chunk.toString('utf8');
      if (out.includes('is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`ipex start ended with ${code}: ${printed}`)));
  });
  return { child, output: () => printed };
}
