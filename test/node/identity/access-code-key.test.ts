/**
 * The office's access-code key checked against the database (node/identity/access-code-key.ts):
 * the data folders of several node processes of one office must hold the same key, or a code
 * issued by one would not open the document at another. Two identity folders on one database
 * stand for two processes.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCESS_CODE_KEY_FILE, officeAccessCodeKey } from '../../../node/identity/access-code-key.js';
import { openDatabase, type SqliteDatabase } from '../../../node/storage/database.js';
import { migrate } from '../../../node/storage/migrations.js';
import { FixedClock, systemRandom } from '../../../protocol/runtime/clock.js';
import { expectCode } from '../../helpers/error-code.js';

describe('officeAccessCodeKey', () => {
  let dir: string;
  let db: SqliteDatabase;
  let a: string;
  let b: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-code-key-'));
    db = openDatabase(join(dir, 'ipex.db'));
    migrate(db, { clock: new FixedClock(new Date('2026-12-03T10:00:00Z')) });
    [a, b] = [join(dir, 'a', 'identity'), join(dir, 'b', 'identity')];
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the key in the first folder and records it; a folder without it is refused, never given a key of its own', () => {
    expect(officeAccessCodeKey(db, a, systemRandom, false)).to.equal(undefined); // no code issued yet anywhere
    const key = officeAccessCodeKey(db, a, systemRandom, true)!;
    expect(readFileSync(join(a, ACCESS_CODE_KEY_FILE)).equals(key)).to.equal(true);
    expectCode(() => officeAccessCodeKey(db, b, systemRandom, false), 'ACCESS_CODE_KEY_MISMATCH');
    expectCode(() => officeAccessCodeKey(db, b, systemRandom, true), 'ACCESS_CODE_KEY_MISMATCH');
    expect(() => readFileSync(join(b, ACCESS_CODE_KEY_FILE))).to.throw(/ENOENT/);
  });

  it('refuses another key, and takes the same key copied into another folder', () => {
    const key = officeAccessCodeKey(db, a, systemRandom, true)!;
    writeFileSync(join(b, ACCESS_CODE_KEY_FILE), Buffer.alloc(32, 7), { mode: 0o600 });
    expectCode(() => officeAccessCodeKey(db, b, systemRandom, true), 'ACCESS_CODE_KEY_MISMATCH');
    writeFileSync(join(b, ACCESS_CODE_KEY_FILE), key, { mode: 0o600 });
    expect(officeAccessCodeKey(db, b, systemRandom, false)!.equals(key)).to.equal(true);
    expect(officeAccessCodeKey(db, a, systemRandom, false)!.equals(key)).to.equal(true);
  });

  it('records the key of a node that issued codes before the check existed', () => {
    writeFileSync(join(a, ACCESS_CODE_KEY_FILE), Buffer.alloc(32, 9), { mode: 0o600 });
    expect(officeAccessCodeKey(db, a, systemRandom, false)!.equals(Buffer.alloc(32, 9))).to.equal(true);
    expectCode(() => officeAccessCodeKey(db, b, systemRandom, false), 'ACCESS_CODE_KEY_MISMATCH');
  });
});
