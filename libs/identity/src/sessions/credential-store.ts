import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Current password hashes, outside the append-only log so a replaced hash is gone for good. */
@Injectable()
export class CredentialStore {
  constructor(@InjectDataSource() private readonly database: DataSource) {}

  async hashOf(userId: string): Promise<string | undefined> {
    const rows: { password_hash: string }[] = await this.database.query(
      `SELECT password_hash FROM identity.credentials WHERE user_id = $1`,
      [userId],
    );
    return rows[0]?.password_hash;
  }

  async save(userId: string, passwordHash: string): Promise<void> {
    await this.database.query(
      `INSERT INTO identity.credentials (user_id, password_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
      [userId, passwordHash],
    );
  }

  /** For an account that was never created (its username was taken meanwhile). */
  async discard(userId: string): Promise<void> {
    await this.database.query(`DELETE FROM identity.credentials WHERE user_id = $1`, [userId]);
  }
}
