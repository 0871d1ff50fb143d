/**
 * The audit log's tree head recomputed from its leaves, on either engine: the proof that a copy
 * of a node's metadata (`ipex migrate`, `ipex backup` of a node on PostgreSQL, `ipex restore`)
 * holds the same log as the original. Every entry is read in index order and re-hashed (its
 * stored leaf hash must be the RFC 9162 hash of its bytes), folded into a Merkle frontier, and
 * the root at each signed checkpoint's size must be the root that checkpoint recorded; at the
 * end the recomputed root must equal the one the stored subtrees give (what the node serves
 * proofs from). A changed, missing or reordered entry, subtree or checkpoint root fails here.
 * The checkpoints' signatures are `ipex audit verify`'s business (it has the log key).
 */
import { IpexError } from '../../protocol/errors/index.js';
import { hashEquals, leafHash, MerkleRange } from '../../protocol/merkle/index.js';
import { TreeStore } from '../services/audit/tree-store.js';
import type { SqliteDatabase } from './database.js';

/** The size of the audit log and its Merkle root (hex), as recomputed from the entries. */
export interface AuditHead {
  readonly size: number;
  readonly root: string;
}

const BATCH = 1000;

/** Recomputes and cross-checks the audit log of `db`; AUDIT_LOG_CORRUPT naming the first thing that does not agree. */
export function provenAuditHead(db: SqliteDatabase, where: string): AuditHead {
  const checkpoints = db.prepare('SELECT size, root FROM audit_checkpoints ORDER BY size').all() as { size: number; root: Buffer }[];
  const page = db.prepare('SELECT idx, entry, leaf_hash FROM audit_entries WHERE idx >= ? ORDER BY idx LIMIT ?');
  const range = new MerkleRange();
  let next = 0;
  const checkRoot = (): void => {
    while (checkpoints.length > 0 && checkpoints[0]!.size <= range.size) {
      const checkpoint = checkpoints.shift()!;
      if (checkpoint.size === range.size && !hashEquals(range.root(), checkpoint.root)) {
        throw corrupt(where, `the entries do not give the root of the signed checkpoint at size ${checkpoint.size}`);
      }
    }
  };
  checkRoot();
  for (;;) {
    const rows = page.all(next, BATCH) as { idx: number; entry: Buffer; leaf_hash: Buffer }[];
    for (const row of rows) {
      if (Number(row.idx) !== next) throw corrupt(where, `entry ${next} is missing (the next one is ${row.idx})`);
      const hash = leafHash(row.entry);
      if (!hashEquals(hash, row.leaf_hash)) throw corrupt(where, `entry ${next} does not hash to its stored leaf hash`);
      range.append(hash);
      next += 1;
      checkRoot();
    }
    if (rows.length < BATCH) break;
  }
  if (checkpoints.length > 0) throw corrupt(where, `a signed checkpoint has size ${checkpoints[0]!.size}, but the log has ${next} entries`);
  const root = range.root();
  if (!hashEquals(new TreeStore(db).rootAt(next), root)) throw corrupt(where, `the stored subtrees give another root at size ${next} than the entries`);
  return { size: next, root: root.toString('hex') };
}

function corrupt(where: string, what: string): IpexError {
  return new IpexError('AUDIT_LOG_CORRUPT', `the audit log in ${where} is not consistent: ${what}`);
}
