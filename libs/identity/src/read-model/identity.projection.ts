import type { RecordedEvent } from '#event-store';
import type { Projection, ProjectionSql } from '#projections';
import { assertNever } from '#shared-kernel';
import type { AccountEvent } from '../accounts/account.decider.js';
import { ACCESS_KINDS, type AccessLogEvent } from '../access-log/access-log.events.js';
import type { UnitEvent } from '../units/unit.decider.js';

type IdentityEvent = UnitEvent | AccountEvent | AccessLogEvent;

const ACCESS_KIND_SET = new Set<string>(ACCESS_KINDS);

/**
 * Units (with each unit's path from the top, for scoping), accounts, and the access log. One projection, so an
 * access entry always finds the account it belongs to already projected.
 */
export class IdentityProjection implements Projection {
  readonly name = 'identity';
  readonly tables: readonly string[] = ['units', 'accounts', 'access_log'];
  readonly eventTypes = ['UnitCreated', 'UnitRenamed', 'UnitMoved', ...ACCESS_KINDS];

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as IdentityEvent;
    const revision = recorded.revision.toString();
    const at = recorded.metadata.occurredAt;
    await this.applyToState(event, revision, at, sql);
    if (ACCESS_KIND_SET.has(event.type)) await this.logAccess(recorded, event, sql);
  }

  private async applyToState(event: IdentityEvent, revision: string, at: string, sql: ProjectionSql): Promise<void> {
    switch (event.type) {
      case 'UnitCreated': {
        const { unitId, name, level, parentId } = event.data;
        sql.write(
          `INSERT INTO units (id, name, level, parent_id, path, revision, updated_at)
           SELECT $1::uuid, $2, $3, $4::uuid, coalesce((SELECT path FROM units WHERE id = $4::uuid), '/') || $1::text || '/', $5, $6`,
          [unitId, name, level, parentId, revision, at],
        );
        return;
      }
      case 'UnitRenamed':
        sql.write(`UPDATE units SET name = $2, revision = $3, updated_at = $4 WHERE id = $1`, [
          event.data.unitId,
          event.data.name,
          revision,
          at,
        ]);
        return;
      case 'UnitMoved': {
        // The unit and everything below it take the new parent's path as their prefix.
        sql.write(
          `WITH moved AS (SELECT path AS old_path FROM units WHERE id = $1::uuid),
                target AS (SELECT path || $1::text || '/' AS new_path FROM units WHERE id = $2::uuid)
           UPDATE units u
              SET path = target.new_path || substr(u.path, length(moved.old_path) + 1),
                  parent_id = CASE WHEN u.id = $1::uuid THEN $2::uuid ELSE u.parent_id END,
                  revision = CASE WHEN u.id = $1::uuid THEN $3::bigint ELSE u.revision END,
                  updated_at = CASE WHEN u.id = $1::uuid THEN $4::timestamptz ELSE u.updated_at END
             FROM moved, target
            WHERE u.path LIKE moved.old_path || '%'`,
          [event.data.unitId, event.data.parentId, revision, at],
        );
        return;
      }
      case 'AccountCreated': {
        const { userId, username, displayName, role, unitId } = event.data;
        sql.write(
          `INSERT INTO accounts (id, username, display_name, role, unit_id, status, created_at, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $6)`,
          [userId, username, displayName, role, unitId, at, revision],
        );
        return;
      }
      case 'AccountRoleChanged':
        return this.updateAccount(sql, event.data.userId, revision, at, { role: event.data.role });
      case 'AccountMoved':
        return this.updateAccount(sql, event.data.userId, revision, at, { unit_id: event.data.unitId });
      case 'AccountDisabled':
        return this.updateAccount(sql, event.data.userId, revision, at, { status: 'disabled' });
      case 'AccountEnabled':
        return this.updateAccount(sql, event.data.userId, revision, at, { status: 'active', locked_until: null });
      case 'AccountLocked':
        return this.updateAccount(sql, event.data.userId, revision, at, { locked_until: event.data.until });
      case 'PasswordChanged':
      case 'SignedIn':
        return this.updateAccount(sql, event.data.userId, revision, at, { locked_until: null });
      case 'SignInFailed':
      case 'SignedOut':
        return this.updateAccount(sql, event.data.userId, revision, at, {});
      case 'UnknownUserSignInFailed':
      case 'PersonalRecordRead':
        return;
      default:
        return assertNever(event, 'identity event');
    }
  }

  private async updateAccount(
    sql: ProjectionSql,
    userId: string,
    revision: string,
    at: string,
    changes: Record<string, string | null>,
  ): Promise<void> {
    const columns = Object.keys(changes);
    const assignments = columns.map((column, index) => `${column} = $${index + 4}`);
    sql.write(
      `UPDATE accounts SET ${['revision = $2', 'updated_at = $3', ...assignments].join(', ')} WHERE id = $1`,
      [userId, revision, at, ...columns.map((column) => changes[column])],
    );
  }

  private async logAccess(recorded: RecordedEvent, event: IdentityEvent, sql: ProjectionSql): Promise<void> {
    const data = event.data as Record<string, unknown>;
    const userId = typeof data.userId === 'string' ? data.userId : null;
    const { ip, userId: _user, ...detail } = data;
    sql.write(
      `INSERT INTO access_log (position, occurred_at, kind, actor_id, user_id, unit_id, ip, detail)
       VALUES ($1, $2, $3, $4, $5,
               coalesce($6::uuid, (SELECT unit_id FROM accounts WHERE id = $5::uuid)), $7, $8)
       ON CONFLICT (position) DO NOTHING`,
      [
        recorded.position.prepare.toString(),
        recorded.metadata.occurredAt,
        event.type,
        recorded.metadata.actor,
        userId,
        typeof data.unitId === 'string' && event.type === 'PersonalRecordRead' ? data.unitId : null,
        typeof ip === 'string' ? ip : null,
        JSON.stringify(detail),
      ],
    );
  }
}
