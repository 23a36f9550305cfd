import { Logger } from '@nestjs/common';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A PEM text, or base64 of the PKCS#8 DER form. */
function decode(text: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN')
      ? createPrivateKey({ key: text, format: 'pem' })
      : createPrivateKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    // The parser's own message may quote the key material: say only where it came from.
    throw new Error(`${where} must hold an Ed25519 private key, PEM or base64 PKCS#8 DER (openssl genpkey -algorithm ed25519)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${where} must hold an Ed25519 private key, got ${key.asymmetricKeyType ?? 'another kind'}`);
  }
  return key;
}

export interface AuditSigningKeyOptions {
  /** AUDIT_SIGNING_KEY: PEM, or base64 PKCS#8 DER. */
  readonly fromEnvironment?: string;
  readonly file: string;
  /** Make the key file if it is missing (the server does; a verifying command does not). */
  readonly create?: boolean;
}

/**
 * The Ed25519 key that signs the audit chain's checkpoints: AUDIT_SIGNING_KEY if set, else the key file, made on
 * first start (PEM, mode 600). Keep a copy apart from the database: whoever holds it can sign a checkpoint, and
 * anyone with the public key (GET /api/audit/public-key) can check one.
 */
export function loadAuditSigningKey(options: AuditSigningKeyOptions): KeyObject {
  if (options.fromEnvironment) return decode(options.fromEnvironment, 'AUDIT_SIGNING_KEY');
  if (existsSync(options.file)) return decode(readFileSync(options.file, 'utf8'), options.file);
  if (options.create === false) {
    throw new Error(`No audit signing key: set AUDIT_SIGNING_KEY, or AUDIT_SIGNING_KEY_FILE (${options.file} does not exist)`);
  }
  mkdirSync(dirname(options.file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(options.file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  new Logger('AuditTrail').warn(
    `Made a new audit signing key in ${options.file}. Keep a copy apart from the database: checkpoints signed with it can only be checked with its public key.`,
  );
  return privateKey;
}
