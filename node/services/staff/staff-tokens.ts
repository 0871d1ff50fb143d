/**
 * Staff bearer tokens for the office API, with one role each (clerk, examiner, auditor, admin).
 *
 * A token is 32 random bytes, printed as `ipex_` + base64url. Only its SHA-256 is stored, so a
 * copy of the database does not give access. Tokens are found by that hash: a timing
 * difference in the index look-up tells nothing about a token that would be useful to guess,
 * because a 256-bit random token cannot be found from hash prefixes.
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../../../protocol/errors/index.js';
import type { Clock, RandomSource } from '../../../protocol/runtime/clock.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuditEvent } from '../audit/entry.js';

/** Who made or revoked a token, for the audit log: the node (the CLI) unless an administrator did. */
type TokenActor = AuditEvent['actor'];
const CLI: TokenActor = { kind: 'node' };

export const STAFF_ROLES = ['clerk', 'examiner', 'auditor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const TOKEN_PREFIX = 'ipex_';
const TOKEN_PATTERN = /^ipex_[A-Za-z0-9_-]{43}$/;

export interface StaffTokenInfo {
  readonly id: number;
  readonly role: StaffRole;
  readonly label: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export class StaffTokens {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    /** Where token changes are logged (administrative actions, docs/design.md §7). */
    private readonly audit?: Pick<AuditLog, 'appendInTransaction'>,
  ) {}

  /** Makes a token; the returned `token` is the only time it exists in clear. */
  create(role: string, label: string, actor: TokenActor = CLI): { token: string; info: StaffTokenInfo } {
    if (!isStaffRole(role)) throw new IpexError('INVALID_INPUT', `role must be one of ${STAFF_ROLES.join(', ')}, not "${role.slice(0, 20)}"`);
    if (label.length === 0 || label.length > 100 || /[\u0000-\u001f]/.test(label)) {
      throw new IpexError('INVALID_INPUT', 'the label must be 1–100 printable characters (who or what the token is for)');
    }
    const token = `${TOKEN_PREFIX}${this.random.bytes(32).toString('base64url')}`;
    const createdAt = this.clock.now().toISOString();
    const id = this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO staff_tokens (token_sha256, role, label, created_at) VALUES (?, ?, ?, ?)')
        .run(tokenHash(token), role, label, createdAt);
      this.audit?.appendInTransaction({ type: 'admin.token-created', actor, outcome: 'ok', details: { tokenId: Number(lastInsertRowid), role, label } });
      return Number(lastInsertRowid);
    }).immediate();
    return { token, info: { id, role, label, createdAt, revokedAt: null } };
  }

  /** The role of a presented token, or undefined when it is unknown, malformed or revoked. */
  authenticate(token: string): StaffTokenInfo | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const row = this.db
      .prepare('SELECT id, role, label, created_at AS createdAt, revoked_at AS revokedAt FROM staff_tokens WHERE token_sha256 = ?')
      .get(tokenHash(token)) as StaffTokenInfo | undefined;
    return row === undefined || row.revokedAt !== null ? undefined : row;
  }

  list(): StaffTokenInfo[] {
    return this.db
      .prepare('SELECT id, role, label, created_at AS createdAt, revoked_at AS revokedAt FROM staff_tokens ORDER BY id')
      .all() as StaffTokenInfo[];
  }

  /** Revokes a token at once; revoking a revoked token is refused so that a typo is noticed. */
  revoke(id: number, actor: TokenActor = CLI): StaffTokenInfo {
    this.db.transaction(() => {
      const result = this.db
        .prepare('UPDATE staff_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(this.clock.now().toISOString(), id);
      if (result.changes === 0) throw new IpexError('NOT_FOUND', `no active staff token with id ${id}`);
      this.audit?.appendInTransaction({ type: 'admin.token-revoked', actor, outcome: 'ok', details: { tokenId: id } });
    }).immediate();
    return this.list().find((t) => t.id === id)!;
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
