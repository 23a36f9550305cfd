import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SignInClient } from '../accounts/account.decider.js';

export interface SessionPolicy {
  /** A session ends this long after sign-in, however busy. */
  readonly maxAgeMinutes: number;
  /** ... or this long after its last request. */
  readonly idleMinutes: number;
}

export const SESSION_POLICY = Symbol('SESSION_POLICY');
export const DEFAULT_SESSION_POLICY: SessionPolicy = { maxAgeMinutes: 12 * 60, idleMinutes: 30 };

export interface OpenedSession {
  readonly sessionId: string;
  /** Shown once, to the client; only its hash is stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

export interface LiveSession {
  readonly sessionId: string;
  readonly userId: string;
}

const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Server-side sessions: a random 256-bit token per sign-in, ended by sign-out, expiry, idleness or an admin. */
@Injectable()
export class SessionStore {
  constructor(@InjectDataSource() private readonly database: DataSource) {}

  async open(sessionId: string, userId: string, client: SignInClient, policy: SessionPolicy, now: Date): Promise<OpenedSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + policy.maxAgeMinutes * 60_000);
    await this.database.query(
      `INSERT INTO identity.sessions (id, token_hash, user_id, client, created_at, expires_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $5)`,
      [sessionId, hashToken(token), userId, client, now, expiresAt],
    );
    return { sessionId, token, expiresAt };
  }

  /** The open session a token names, touching it so idleness counts from now; null for anything else. */
  async resolve(token: string, policy: SessionPolicy, now: Date): Promise<LiveSession | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const rows: { id: string; user_id: string }[] = await this.database.query(
      // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE, rows for a SELECT.
      `WITH touched AS (
         UPDATE identity.sessions SET last_seen_at = $2
          WHERE token_hash = $1 AND ended_at IS NULL AND expires_at > $2
            AND last_seen_at > $2::timestamptz - make_interval(mins => $3)
          RETURNING id, user_id)
       SELECT id, user_id FROM touched`,
      [hashToken(token), now, policy.idleMinutes],
    );
    return rows[0] ? { sessionId: rows[0].id, userId: rows[0].user_id } : null;
  }

  async end(sessionId: string, reason: string, now: Date): Promise<void> {
    await this.database.query(`UPDATE identity.sessions SET ended_at = $2, ended_reason = $3 WHERE id = $1 AND ended_at IS NULL`, [
      sessionId,
      now,
      reason,
    ]);
  }

  /**
   * Forgets sessions that ended or expired before `before`. Their sign-in and sign-out stay in the event log; the
   * rows only served to check tokens, and a token that old can never be valid again.
   */
  async forgetEndedBefore(before: Date): Promise<number> {
    const rows: { id: string }[] = await this.database.query(
      `WITH forgotten AS (
         DELETE FROM identity.sessions WHERE ended_at < $1 OR expires_at < $1 RETURNING id)
       SELECT id FROM forgotten`,
      [before],
    );
    return rows.length;
  }

  /** Ends every open session of a user, but the one they are using when `keep` is given. */
  async endAllOf(userId: string, reason: string, now: Date, keep?: string): Promise<void> {
    await this.database.query(
      `UPDATE identity.sessions SET ended_at = $2, ended_reason = $3
        WHERE user_id = $1 AND ended_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [userId, now, reason, keep ?? null],
    );
  }
}
