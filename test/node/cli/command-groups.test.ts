/**
 * Issue 14, "CLI start-up: a CLI command should not load what it does not use": `ipex` loads
 * only the command groups its command needs (node/cli/commands/index.ts). These tests hold the
 * list's `commands` to what each group really registers — a group that adds a command without
 * saying so here would be unreachable — and check which groups a command line loads.
 */
import { expect } from 'chai';
import { Command } from 'commander';
import { commandGroups, groupsFor } from '../../../node/cli/commands/index.js';
import { createProgram } from '../../../node/cli/main.js';
import { runCli } from './run-cli.js';
import { staticImports } from '../../helpers/static-imports.js';

const context = { output: () => { throw new Error('not used while registering'); } };

describe('ipex command groups (issue 14, CLI start-up)', () => {
  it('declares exactly the top-level commands each group registers', async () => {
    for (const group of commandGroups) {
      const program = new Command('ipex');
      (await group.load())(program, context);
      expect(program.commands.map((c) => c.name()).sort(), group.commands.join(' ')).to.deep.equal([...group.commands].sort());
    }
  });

  it('loads only the groups of the command named, after global flags', () => {
    expect(groupsFor(['documents', 'list']).map((g) => g.commands)).to.deep.equal([['deposit', 'documents', 'access', 'export']]);
    expect(groupsFor(['--json', '-q', 'start']).map((g) => g.commands)).to.deep.equal([['node', 'start']]);
    expect(groupsFor(['audit', 'verify', 'x']).length).to.equal(2);
  });

  it('loads every group for help, no command or a command it does not know, and none for --version', () => {
    for (const args of [[], ['--help'], ['help', 'documents'], ['documnets']]) {
      expect(groupsFor(args), args.join(' ')).to.equal(commandGroups);
    }
    expect(groupsFor(['--version'])).to.deep.equal([]);
    expect(groupsFor(['-q', '-V'])).to.deep.equal([]);
  });

  it('still answers a misspelt command with the usage error, from the whole tree', async () => {
    const r = await runCli(['documnets', 'list']);
    expect(r.code).to.equal(2);
    expect(r.err).to.match(/^ipex: unknown command 'documnets'.*\[USAGE\]$/m);
  });

  it('has the whole tree when built with every group', async () => {
    const names = (await createProgram()).commands.map((c) => c.name());
    for (const group of commandGroups) for (const name of group.commands) expect(names).to.include(name);
  });

  it('keeps the document commands off the exchange client, the retrieval jobs and the OpenAPI validator', () => {
    // `ipex documents list` opens the deposit service, which tells subscribers of a deposit:
    // the publisher's side only (node/services/tracking/file-subscribers-for.ts).
    const loaded = staticImports('node/cli/commands/deposit.ts');
    expect(loaded.has('node/services/deposit/deposit-service.ts')).to.equal(true); // the walk follows the imports
    for (const heavy of ['node/services/tracking/index.ts', 'node/services/retrieval/index.ts', 'node/http/openapi/load-document.ts', 'ajv', 'js-yaml', 'express', 'pdfkit', 'nodemailer', 'jose']) {
      expect(loaded.has(heavy), heavy).to.equal(false);
    }
  });
});
