import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * A checkpoint: the chain's head at one moment, fixed by a signature so that an auditor can keep a copy and later
 * show that the log still leads to the same hash. This is also the JSON an auditor keeps and hands back to
 * `POST /api/audit/verify` or `npm run verify-log -- --checkpoint file.json`.
 */
export interface Checkpoint {
  /** How many events the chain held: the checkpoint vouches for events 1..sequence. */
  readonly sequence: number;
  /** The log position of the event at `sequence`, "commit/prepare". */
  readonly position: string;
  readonly eventId: string;
  /** The chain hash at `sequence`, lower-case hex. */
  readonly chainHash: string;
  /** ISO 8601, milliseconds. */
  readonly createdAt: string;
  /** SHA-256 of the signing key's public half (SPKI DER), lower-case hex. */
  readonly keyId: string;
  /** Ed25519 over `checkpointSigningText`, base64. */
  readonly signature: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'signature' | 'keyId'>;

/**
 * The bytes signed: the RFC 8785 text of the checkpoint's facts, with a label so that a signature made for a
 * checkpoint can never pass as one over anything else. An auditor can rebuild it with any JCS implementation.
 */
export function checkpointSigningText(checkpoint: UnsignedCheckpoint): string {
  return canonicalize({
    type: 'unioncase.audit.checkpoint.v1',
    sequence: String(checkpoint.sequence),
    position: checkpoint.position,
    eventId: checkpoint.eventId,
    chainHash: checkpoint.chainHash,
    createdAt: checkpoint.createdAt,
  })!;
}

/** The name of a public key: SHA-256 of its SPKI DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Holds the installation's Ed25519 signing key; only its public half ever leaves. */
export class CheckpointSigner {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error(`The audit signing key must be an Ed25519 private key, got ${privateKey.asymmetricKeyType ?? privateKey.type}`);
    }
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  sign(checkpoint: UnsignedCheckpoint): Checkpoint {
    const signature = sign(null, Buffer.from(checkpointSigningText(checkpoint), 'utf8'), this.privateKey).toString('base64');
    return { ...checkpoint, keyId: this.keyId, signature };
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

/** Whether the checkpoint's signature holds under `publicKey`. A malformed signature is simply not valid. */
export function checkpointSignatureHolds(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  const signature = Buffer.from(checkpoint.signature, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(checkpointSigningText(checkpoint), 'utf8'), publicKey, signature);
  } catch {
    return false;
  }
}
