/**
 * issue 10, item 14: README's "The trust behind it" block — the production set-up with
 * enrolment by request — works as printed: each `npx ipex …` line runs through the CLI, the
 * `openssl verify` line through openssl, in a fresh folder, in order.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/demo/checks.js';
import { runCli } from '../node/cli/run-cli.js';

/** The shell commands of the first sh block after `marker`: continuations joined, comments dropped. */
function commandsAfter(markdown: string, marker: string): string[] {
  const from = markdown.indexOf(marker);
  const block = /```sh\n([\s\S]*?)```/.exec(markdown.slice(from))?.[1] ?? '';
  return block.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

/** Splits a command line into words: bare and double-quoted words, as the README writes them. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe('README: the trust behind it, as printed (issue 10, item 14)', function () {
  this.timeout(60_000);
  let tmp: string;
  const cwd = process.cwd();
  const saved = process.env.IPEX_PASSPHRASE;
  before(() => {
    delete process.env.IPEX_PASSPHRASE;
    tmp = mkdtempSync(join(tmpdir(), 'ipex-readme-'));
    process.chdir(tmp);
  });
  after(() => {
    process.chdir(cwd);
    rmSync(tmp, { recursive: true, force: true });
    if (saved !== undefined) process.env.IPEX_PASSPHRASE = saved;
  });

  it('runs every command of the block and each one succeeds', async () => {
    const commands = commandsAfter(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'), '**The trust behind it.**');
    expect(commands.some((c) => c.includes('node keygen'))).to.equal(true);
    for (const command of commands) {
      const argv = words(command);
      if (argv[0] === 'npx' && argv[1] === 'ipex') {
        const r = await runCli(argv.slice(2));
        expect(r.code, `${command}\n${r.err}`).to.equal(0);
      } else {
        const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
        expect(r.status, `${command}\n${r.stdout}${r.stderr}`).to.equal(0);
      }
    }
  });
});
