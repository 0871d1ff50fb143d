/**
 * issue 13, "Structured logs": the node's log is JSON lines with time, level and node, at the
 * configured level (the environment winning), written for a person on a terminal, and never
 * carries a value under a secret's name.
 */
import { expect } from 'chai';
import { createOutput } from '../../../node/cli/output.js';
import { logSettings } from '../../../node/monitoring/log-settings.js';
import { createNodeLog, loggingOutput } from '../../../node/monitoring/node-log.js';
import { prettyLine } from '../../../node/monitoring/pretty-lines.js';
import { expectCode } from '../../helpers/error-code.js';
import { logRecords } from '../../helpers/log-records.js';

function capture(isTTY = false): { chunks: string[]; sink: { write(s: string): void; isTTY: boolean } } {
  const chunks: string[] = [];
  return { chunks, sink: { write: (s: string) => { chunks.push(s); }, isTTY } };
}

describe('the node log (issue 13, structured logs)', () => {
  it('writes one JSON object a line with an ISO time, the level by name and the node', () => {
    const { chunks, sink } = capture();
    const log = createNodeLog(sink, { level: 'info', format: 'auto' }, { node: 'EP' });
    log.info({ requestId: 'r-1', durationMs: 1.5 }, 'GET /x 200');
    log.warn('the disk is full');
    const [first, second] = logRecords(chunks);
    expect(first).to.include({ level: 'info', node: 'EP', requestId: 'r-1', durationMs: 1.5, msg: 'GET /x 200' });
    expect(new Date(first!.time).toISOString()).to.equal(first!.time);
    expect(second).to.include({ level: 'warn', msg: 'the disk is full' });
    expect(chunks.every((c) => c.endsWith('\n') && c.split('\n').length === 2)).to.equal(true);
  });

  it('leaves out records below the configured level', () => {
    const { chunks, sink } = capture();
    const log = createNodeLog(sink, { level: 'warn', format: 'json' }, { node: 'EP' });
    log.info('not this');
    log.debug('nor this');
    log.error('this');
    expect(logRecords(chunks).map((r) => r.msg)).to.deep.equal(['this']);
  });

  it('takes the level and format from IPEX_LOG_LEVEL and IPEX_LOG_FORMAT over ipex.json, and refuses a bad one', () => {
    const configured = { level: 'info', format: 'auto' } as const;
    expect(logSettings(configured, {})).to.deep.equal(configured);
    expect(logSettings(configured, { IPEX_LOG_LEVEL: 'debug', IPEX_LOG_FORMAT: 'json' })).to.deep.equal({ level: 'debug', format: 'json' });
    expectCode(() => logSettings(configured, { IPEX_LOG_LEVEL: 'loud' }), 'CONFIG_INVALID');
    expectCode(() => logSettings(configured, { IPEX_LOG_FORMAT: 'xml' }), 'CONFIG_INVALID');
  });

  it('writes for a person when the log goes to a terminal, unless told json', () => {
    const tty = capture(true);
    const err = new Error('boom');
    createNodeLog(tty.sink, { level: 'info', format: 'auto' }, { node: 'EP' }).error({ err, requestId: 'r-2' }, 'GET /x failed');
    const text = tty.chunks.join('');
    expect(text).to.match(/^\d\d:\d\d:\d\d\.\d{3} ERROR GET \/x failed requestId=r-2\n {4}Error: boom\n {4,}at /);
    const json = capture(true);
    createNodeLog(json.sink, { level: 'info', format: 'json' }, { node: 'EP' }).info('plain');
    expect(logRecords(json.chunks)[0]).to.include({ msg: 'plain' });
    expect(prettyLine('{"time":"2026-01-02T03:04:05.678Z","level":"info","msg":"m","path":"/a b"}')).to.equal('03:04:05.678 INFO  m path="/a b"');
  });

  it('blanks values under the names secrets travel under', () => {
    const { chunks, sink } = capture();
    const log = createNodeLog(sink, { level: 'info', format: 'json' }, { node: 'EP' });
    log.info({ authorization: 'Bearer ipex_secret', request: { accessCode: 'ABCD-EFGH', cookie: 'c=1' }, token: 'ipex_t' }, 'm');
    const text = chunks.join('');
    for (const secret of ['ipex_secret', 'ABCD-EFGH', 'c=1', 'ipex_t']) expect(text).to.not.contain(secret);
    expect(logRecords(chunks)[0]).to.include({ authorization: '[redacted]', token: '[redacted]' });
  });

  it('turns the warnings and progress of a running node\'s services into warn and info records', () => {
    const chunks: string[] = [];
    const stdout: string[] = [];
    const out = createOutput(false, { stdout: { write: (s: string) => stdout.push(s) }, stderr: { write: (s: string) => chunks.push(s) } });
    const output = loggingOutput(out, createNodeLog(out.logSink, { level: 'info', format: 'auto' }, { node: 'JP' }));
    output.warn('retrieval job 7 failed');
    output.progress('resuming job 8');
    output.result('done', { ok: true });
    expect(logRecords(chunks).map((r) => [r.level, r.msg])).to.deep.equal([['warn', 'retrieval job 7 failed'], ['info', 'resuming job 8']]);
    expect(chunks.join('')).to.not.contain('warning:');
    expect(stdout).to.deep.equal(['done\n']);
  });
});
