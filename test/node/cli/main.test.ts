// The `ipex` entry point's own messages (issue 10, item 10): commander's errors in the documented
// `ipex: … [USAGE]` form with exit status 2, `ipex --version`, and system errors that name a path.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translateSystemError } from '../../../node/cli/system-errors.js';
import { INSTALL_ROOT } from '../../../node/config/install-root.js';
import { runCli } from './run-cli.js';

/** The documented form of every error: exactly one line on stderr, `ipex: <message> [CODE]`. */
function oneErrorLine(err: string, code: string): string {
  const lines = err.split('\n').filter((l) => l !== '');
  expect(lines, err).to.have.length(1);
  expect(lines[0]).to.match(new RegExp(`^ipex: .+ \\[${code}\\]$`));
  return lines[0]!;
}

describe('ipex (entry point messages)', () => {
  describe('usage errors (issue 10, item 10)', () => {
    it('reports an unknown option before a missing required option, in one USAGE line, exit 2', async () => {
      const r = await runCli(['deposit', '--bogus']);
      expect(r.code).to.equal(2);
      const line = oneErrorLine(r.err, 'USAGE');
      expect(line).to.contain("unknown option '--bogus'");
      expect(line).to.contain('`ipex deposit --help`');
      expect(line).to.not.contain('--kind');
      expect(r.out).to.equal('');
    });

    it('reports an unknown command with the command that lists the right ones', async () => {
      const r = await runCli(['bogus']);
      expect(r.code).to.equal(2);
      expect(oneErrorLine(r.err, 'USAGE')).to.contain("unknown command 'bogus'; `ipex --help` lists the commands");
      const nested = await runCli(['token', 'bogus']);
      expect(oneErrorLine(nested.err, 'USAGE')).to.contain('`ipex token --help`');
    });

    it('reports an unknown option of a command that has no required option, with commander\'s suggestion', async () => {
      const r = await runCli(['token', 'list', '--dat', 'x']);
      expect(r.code).to.equal(2);
      const line = oneErrorLine(r.err, 'USAGE');
      expect(line).to.contain("unknown option '--dat' for `ipex token list` (did you mean --data?)");
    });

    it('names the missing required option, argument or value, and where the usage is', async () => {
      const missing = await runCli(['retrieve', '--office', 'EP']);
      expect(missing.code).to.equal(2);
      expect(oneErrorLine(missing.err, 'USAGE')).to.match(/required option '--application <number>' not specified for `ipex retrieve`/);
      const argument = await runCli(['retrievals', 'show']);
      expect(oneErrorLine(argument.err, 'USAGE')).to.contain("missing required argument 'jobId'");
      const value = await runCli(['token', 'list', '--data']);
      expect(oneErrorLine(value.err, 'USAGE')).to.contain("option '--data <dir>' argument missing");
    });

    it('answers a command group without its command with the commands it has, not a help page on stderr', async () => {
      const r = await runCli(['token']);
      expect(r.code).to.equal(2);
      expect(oneErrorLine(r.err, 'USAGE')).to.contain('`ipex token` needs one of its commands: create, list, revoke');
    });

    it('still prints help on --help, to stdout, with exit 0', async () => {
      const r = await runCli(['deposit', '--help']);
      expect(r.code).to.equal(0);
      expect(r.out).to.contain('Usage: ipex deposit');
      expect(r.err).to.equal('');
    });
  });

  describe('--version (issue 10, item 10)', () => {
    it('prints the version of package.json of the installation, exit 0', async () => {
      const { version } = JSON.parse(readFileSync(join(INSTALL_ROOT, 'package.json'), 'utf8')) as { version: string };
      for (const flag of ['--version', '-V']) {
        const r = await runCli([flag]);
        expect(r.code).to.equal(0);
        expect(r.out.trim()).to.equal(version);
      }
    });
  });

  describe('system errors that escape a command (issue 10, item 10)', () => {
    let root: string;
    before(() => { root = mkdtempSync(join(tmpdir(), 'ipex-main-')); });
    after(() => rmSync(root, { recursive: true, force: true }));

    function systemError(work: () => unknown): unknown {
      try {
        work();
      } catch (err) {
        return err;
      }
      throw new Error('expected a system error');
    }

    it('never prints "?" for an error without a path: it says what happened instead', () => {
      const err = systemError(() => readFileSync(root)); // EISDIR, which carries no path
      expect((err as NodeJS.ErrnoException).path).to.equal(undefined);
      const translated = translateSystemError(err);
      expect(translated.code).to.equal('FILE_UNREADABLE');
      expect(translated.message).to.contain('a folder was given where a file is needed');
      expect(translated.message).to.contain('EISDIR');
      expect(translated.message).to.not.contain('?');
    });

    it('names the path of an existing target and what to do', () => {
      const err = Object.assign(new Error(`${root} already exists`), { code: 'EEXIST' });
      const translated = translateSystemError(err);
      expect(translated.code).to.equal('ALREADY_EXISTS');
      expect(translated.message).to.equal(`${root} already exists, and ipex never overwrites: choose a new path, or move the old one away first`);
      const withPath = translateSystemError(systemError(() => readFileSync(join(root, 'missing.pem'))));
      expect(withPath.message).to.equal(`no such file or folder: ${join(root, 'missing.pem')}`);
    });
  });
});
