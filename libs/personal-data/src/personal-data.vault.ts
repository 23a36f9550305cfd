import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '#shared-kernel';
import {
  deriveMasterKeys,
  newPersonKey,
  openFields,
  residentIdHash,
  sameCheck,
  sealFields,
  unwrapPersonKey,
  wrapPersonKey,
  type MasterKeys,
} from './envelope.js';

export const PERSONAL_DATA_MASTER_KEY = Symbol('PERSONAL_DATA_MASTER_KEY');

/** Personal fields as they travel inside event data: only the pseudonymous person id is readable. */
export interface SealedPersonalData {
  readonly personId: string;
  readonly sealed: string;
}

/** Unwrapped keys are kept this long, so a list of a hundred files does not unwrap a hundred keys per request. */
const KEY_CACHE_MS = 30_000;
const KEY_CACHE_SIZE = 10_000;

/**
 * Seals and opens the personal data of workers, and finds a person by resident ID number through a keyed hash.
 * Keys live in `personal_data`, outside the event log: erasing a person destroys their key, after which
 * `open` answers null for everything ever sealed for them.
 */
@Injectable()
export class PersonalDataVault {
  private readonly keys: MasterKeys;
  private readonly cache = new Map<string, { key: Buffer | null; until: number }>();
  private checked: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PERSONAL_DATA_MASTER_KEY) masterKey: Buffer,
  ) {
    this.keys = deriveMasterKeys(masterKey);
  }

  /**
   * Refuses a master key other than the one the stored keys were wrapped with: every person would read as erased.
   * The first key an installation starts with is recorded.
   */
  verifyMasterKey(): Promise<void> {
    this.checked ??= (async () => {
      const [row] = await this.dataSource.query(
        `WITH recorded AS (
           INSERT INTO personal_data.master_key_check (id, check_value) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING check_value
         )
         SELECT check_value FROM recorded UNION ALL SELECT check_value FROM personal_data.master_key_check WHERE id = 1`,
        [this.keys.check],
      );
      if (!sameCheck(row.check_value, this.keys.check)) {
        this.checked = undefined;
        throw new Error('The personal-data master key is not the one this database was set up with: personal data could not be read');
      }
    })();
    return this.checked;
  }

  /** The person with this resident ID number, enrolled (given a key) on first sight. */
  async enrol(residentId: string): Promise<string> {
    await this.verifyMasterKey();
    const hash = residentIdHash(this.keys, residentId);
    const existing = await this.findByHash(hash);
    if (existing) return existing;
    const personId = randomUUID();
    const personKey = newPersonKey();
    const [row] = await this.dataSource.query(
      `WITH person AS (
         INSERT INTO personal_data.person_keys (person_id, wrapped_key) VALUES ($1::uuid, $2)
       ), claimed AS (
         INSERT INTO personal_data.resident_ids (id_hash, person_id) VALUES ($3, $1::uuid) ON CONFLICT (id_hash) DO NOTHING RETURNING person_id
       )
       SELECT person_id FROM claimed`,
      [personId, wrapPersonKey(this.keys, personId, personKey), hash],
    );
    if (row) {
      this.remember(personId, personKey);
      return personId;
    }
    // Enrolled by a concurrent request between our look-up and our insert: the key made here is never used.
    await this.dataSource.query(
      `WITH unused AS (DELETE FROM personal_data.person_keys WHERE person_id = $1::uuid RETURNING 1) SELECT count(*) FROM unused`,
      [personId],
    );
    return (await this.findByHash(hash))!;
  }

  /** A person known without a resident ID number (a job seeker who gave only a name and phone). */
  async enrolWithoutResidentId(): Promise<string> {
    await this.verifyMasterKey();
    const personId = randomUUID();
    const personKey = newPersonKey();
    await this.dataSource.query(`INSERT INTO personal_data.person_keys (person_id, wrapped_key) VALUES ($1::uuid, $2) RETURNING person_id`, [
      personId,
      wrapPersonKey(this.keys, personId, personKey),
    ]);
    this.remember(personId, personKey);
    return personId;
  }

  /** The person enrolled with this resident ID number, if any and not erased. */
  async findByResidentId(residentId: string): Promise<string | null> {
    await this.verifyMasterKey();
    return this.findByHash(residentIdHash(this.keys, residentId));
  }

  async seal(personId: string, fields: object): Promise<SealedPersonalData> {
    const key = await this.keyOf(personId);
    if (!key) throw new PersonErasedError(personId);
    return { personId, sealed: sealFields(key, personId, fields) };
  }

  /** The fields, or null once the person is erased. */
  async open<T extends object>(sealed: SealedPersonalData): Promise<T | null> {
    const key = await this.keyOf(sealed.personId);
    return key ? openFields<T>(key, sealed.personId, sealed.sealed) : null;
  }

  async isEnrolled(personId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM personal_data.person_keys WHERE person_id = $1::uuid`, [personId]);
    return Boolean(row);
  }

  async isErased(personId: string): Promise<boolean> {
    return (await this.keyOf(personId)) === null;
  }

  /** Destroys the person's key and their resident-ID hash. */
  async destroyKey(personId: string): Promise<'erased' | 'already_erased' | 'unknown'> {
    const [row] = await this.dataSource.query(
      `WITH before AS (SELECT erased_at FROM personal_data.person_keys WHERE person_id = $1::uuid),
            erased AS (
              UPDATE personal_data.person_keys SET wrapped_key = NULL, erased_at = coalesce(erased_at, now())
               WHERE person_id = $1::uuid RETURNING person_id
            ),
            forgotten AS (DELETE FROM personal_data.resident_ids WHERE person_id = $1::uuid RETURNING person_id)
       SELECT (SELECT erased_at IS NOT NULL FROM before) AS was_erased, (SELECT count(*) FROM erased)::int AS found,
              (SELECT count(*) FROM forgotten)::int AS hashes`,
      [personId],
    );
    this.cache.set(personId, { key: null, until: Date.now() + KEY_CACHE_MS });
    if (!row.found) return 'unknown';
    return row.was_erased ? 'already_erased' : 'erased';
  }

  private async findByHash(hash: Buffer): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT person_id FROM personal_data.resident_ids WHERE id_hash = $1`, [hash]);
    return row?.person_id ?? null;
  }

  /** null: erased (or never enrolled, which reads the same: nothing can be opened). */
  private async keyOf(personId: string): Promise<Buffer | null> {
    const cached = this.cache.get(personId);
    if (cached && cached.until > Date.now()) return cached.key;
    await this.verifyMasterKey();
    const [row] = await this.dataSource.query(`SELECT wrapped_key FROM personal_data.person_keys WHERE person_id = $1::uuid`, [personId]);
    const key = row?.wrapped_key ? unwrapPersonKey(this.keys, personId, row.wrapped_key) : null;
    this.remember(personId, key);
    return key;
  }

  private remember(personId: string, key: Buffer | null): void {
    if (this.cache.size >= KEY_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(personId, { key, until: Date.now() + KEY_CACHE_MS });
  }
}

export class PersonErasedError extends DomainError {
  constructor(readonly personId: string) {
    super('PERSONAL_DATA.PERSON_ERASED', 'unprocessable', `Person ${personId} has been erased: nothing more can be recorded about them`);
  }
}
