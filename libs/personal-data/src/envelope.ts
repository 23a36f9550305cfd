import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The cryptography of personal data, with no I/O. Each person's fields are sealed with AES-256-GCM under a key of
 * their own; that key is stored wrapped (AES-256-GCM again) under a key derived from the installation's master key.
 * Destroying one wrapped key makes that person's sealed fields unreadable everywhere they were copied, the event
 * log included, without rewriting anything.
 */

const SEALED_PREFIX = 'pd1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export interface MasterKeys {
  /** Wraps each person's key. */
  readonly wrapping: Buffer;
  /** Keys the hash of a resident ID number, so the duplicate check needs no readable ID number. */
  readonly residentIdHashing: Buffer;
  /** Proves at start-up that the configured master key is the one the stored keys were wrapped with. */
  readonly check: Buffer;
}

export function deriveMasterKeys(master: Buffer): MasterKeys {
  if (master.length !== KEY_BYTES) throw new RangeError(`The personal-data master key must be ${KEY_BYTES} bytes, got ${master.length}`);
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `unioncase/${purpose}`, KEY_BYTES));
  const keys = { wrapping: derive('person-key-wrapping'), residentIdHashing: derive('resident-id-hashing') };
  return { ...keys, check: createHmac('sha256', derive('master-key-check')).update('unioncase').digest() };
}

export function sameCheck(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newPersonKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function encrypt(key: Buffer, plaintext: Buffer, associated: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, sealed: Buffer, associated: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed data is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associated, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** The person id is bound in as associated data: a key or a sealed value moved to another person fails to open. */
export function wrapPersonKey(keys: MasterKeys, personId: string, personKey: Buffer): Buffer {
  return encrypt(keys.wrapping, personKey, `person-key:${personId}`);
}

export function unwrapPersonKey(keys: MasterKeys, personId: string, wrapped: Buffer): Buffer {
  return decrypt(keys.wrapping, wrapped, `person-key:${personId}`);
}

export function sealFields(personKey: Buffer, personId: string, fields: object): string {
  return SEALED_PREFIX + encrypt(personKey, Buffer.from(JSON.stringify(fields), 'utf8'), `fields:${personId}`).toString('base64url');
}

export function openFields<T>(personKey: Buffer, personId: string, sealed: string): T {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('Not sealed personal data');
  const plaintext = decrypt(personKey, Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url'), `fields:${personId}`);
  return JSON.parse(plaintext.toString('utf8')) as T;
}

/** Resident ID numbers are compared upper-cased, so a lower-case check character `x` is the same person. */
export function residentIdHash(keys: MasterKeys, residentId: string): Buffer {
  return createHmac('sha256', keys.residentIdHashing).update(residentId.trim().toUpperCase()).digest();
}
