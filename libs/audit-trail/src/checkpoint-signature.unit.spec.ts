import { createHash, generateKeyPairSync } from 'node:crypto';
import { CheckpointSigner, checkpointSignatureHolds, checkpointSigningText, keyIdOf } from './checkpoint-signature.js';

const facts = {
  sequence: 1000,
  position: '7431/1000',
  eventId: '5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b11',
  chainHash: 'ab'.repeat(32),
  createdAt: '2026-11-22T08:00:00.000Z',
};

describe('checkpoint signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = new CheckpointSigner(privateKey);

  it('sign the RFC 8785 text of the checkpoint\'s facts, under a label', () => {
    expect(checkpointSigningText(facts)).toBe(
      `{"chainHash":"${'ab'.repeat(32)}","createdAt":"2026-11-22T08:00:00.000Z","eventId":"5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b11",` +
        '"position":"7431/1000","sequence":"1000","type":"unioncase.audit.checkpoint.v1"}',
    );
    const signed = signer.sign(facts);
    expect(signed).toMatchObject({ ...facts, keyId: keyIdOf(publicKey) });
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(signed.keyId).toBe(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'));
  });

  it('hold under the public key, and for nothing else', () => {
    const signed = signer.sign(facts);
    expect(checkpointSignatureHolds(signed, publicKey)).toBe(true);
    expect(checkpointSignatureHolds(signed, signer.publicKey)).toBe(true);
    for (const altered of [
      { ...signed, sequence: 1001 },
      { ...signed, position: '7431/1001' },
      { ...signed, eventId: '5b0f3a52-9a8e-4c47-b1a4-2d6f0c9e8b12' },
      { ...signed, chainHash: 'ac'.repeat(32) },
      { ...signed, createdAt: '2026-11-22T08:00:00.001Z' },
    ]) {
      expect(checkpointSignatureHolds(altered, publicKey)).toBe(false);
    }
    expect(checkpointSignatureHolds(signed, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(checkpointSignatureHolds({ ...signed, signature: 'not a signature' }, publicKey)).toBe(false);
    expect(checkpointSignatureHolds({ ...signed, signature: '' }, publicKey)).toBe(false);
  });

  it('take only an Ed25519 private key', () => {
    expect(() => new CheckpointSigner(publicKey)).toThrow(/Ed25519 private key/);
    expect(() => new CheckpointSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(/Ed25519 private key, got ec/);
  });

  it('give the public key as PEM for auditors to keep', () => {
    expect(signer.publicKeyPem()).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
  });
});
