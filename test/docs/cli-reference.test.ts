/**
 * docs/cli.md covers every command of `ipex` and every option of each (issue 10, item 20: it
 * omitted deposit, retrieve, documents, access, copies, audit, export and retrievals). The
 * command tree is read from the program itself, so a new command or option fails this test until
 * the page describes it.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createProgram } from '../../node/cli/main.js';
import { DEFAULT_CONCURRENCY } from '../../node/services/import/run-import.js';

const page = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
/** Options every command that works on a node takes; the page's conventions describe them once. */
const CONVENTIONAL = new Set(['--help', '--data', '--passphrase-file', '--json', '--quiet', '--dir']);

interface Leaf { readonly path: string; readonly options: readonly string[] }

function leaves(command: Command, prefix: string): Leaf[] {
  const subcommands = command.commands.filter((c) => c.name() !== 'help');
  if (subcommands.length === 0) {
    return [{ path: prefix, options: command.options.map((o) => o.long).filter((o): o is string => o !== undefined) }];
  }
  return subcommands.flatMap((c) => leaves(c, `${prefix} ${c.name()}`.trim()));
}

/** The lines of the page that describe `ipex <path>` (a table row or a paragraph naming it). */
function linesAbout(path: string): string[] {
  const mention = new RegExp(`\`ipex ${path.replace(/[|]/g, '\\\\$&')}(?=[\\s\`\\[\\\\|])`);
  return page.split('\n').filter((line) => mention.test(line));
}

describe('docs/cli.md', () => {
  let commands: Leaf[] = [];
  before(async () => {
    commands = leaves(await createProgram(), '');
  });

  it('reads a command tree of every group', () => {
    const paths = commands.map((c) => c.path);
    for (const expected of ['start', 'deposit', 'retrieve', 'documents list', 'access allow', 'copies prove', 'audit verify', 'export', 'retrievals show', 'network add-office']) {
      expect(paths).to.include(expected);
    }
  });

  it('describes every command', () => {
    const missing = commands.filter((c) => linesAbout(c.path).length === 0).map((c) => `ipex ${c.path}`);
    expect(missing, `not in docs/cli.md: ${missing.join(', ')}`).to.deep.equal([]);
  });

  it('names every option of a command where it describes that command', () => {
    const missing: string[] = [];
    for (const { path, options } of commands) {
      const text = linesAbout(path).join('\n');
      for (const option of options) {
        if (!CONVENTIONAL.has(option) && !text.includes(option)) missing.push(`ipex ${path} ${option}`);
      }
    }
    expect(missing, `options not in docs/cli.md:\n${missing.join('\n')}`).to.deep.equal([]);
  });

  // issue 15: the import's concurrency default was raised; the page and the program must agree
  it('gives `ipex import --concurrency` the default the import code uses, and says it', async () => {
    const program = await createProgram();
    const option = program.commands.find((c) => c.name() === 'import')!.options.find((o) => o.long === '--concurrency')!;
    expect(Number(option.defaultValue)).to.equal(DEFAULT_CONCURRENCY);
    expect(linesAbout('import').join('\n')).to.include(`\`--concurrency\`: deposits in flight (default ${DEFAULT_CONCURRENCY})`);
  });
});
