import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../config.js';
import { loadAuditSigningKey } from './audit-signing-key.js';

describe('the audit signing key', () => {
  const directory = () => mkdtempSync(join(tmpdir(), 'unioncase-audit-key-'));

  it('is made once as an Ed25519 PEM readable only by its owner, and read back the same on the next start', () => {
    const file = join(directory(), 'nested', 'audit-signing.key');
    const made = loadAuditSigningKey({ file });
    expect(made.asymmetricKeyType).toBe('ed25519');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadAuditSigningKey({ file });
    const signature = sign(null, Buffer.from('checkpoint'), made);
    expect(verify(null, Buffer.from('checkpoint'), again, signature)).toBe(true);
  });

  it('comes from AUDIT_SIGNING_KEY (PEM or base64 PKCS#8 DER) before any file', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const file = join(directory(), 'audit-signing.key');
    writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const signs = (fromEnvironment: string) =>
      verify(null, Buffer.from('x'), publicKey, sign(null, Buffer.from('x'), loadAuditSigningKey({ fromEnvironment, file })));
    expect(signs(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toBe(true);
    expect(signs(privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'))).toBe(true);
  });

  it('must be an Ed25519 private key, and the refusal never quotes what was given', () => {
    const file = join(directory(), 'audit-signing.key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadAuditSigningKey({ fromEnvironment: rsa, file })).toThrow(/AUDIT_SIGNING_KEY must hold an Ed25519 private key, got rsa/);
    expect(() => loadAuditSigningKey({ fromEnvironment: 'c2VjcmV0LXRoaW5n', file })).toThrow(/^AUDIT_SIGNING_KEY must hold an Ed25519 private key, PEM or base64/);
    writeFileSync(file, 'not a key');
    expect(() => loadAuditSigningKey({ file })).toThrow(/must hold an Ed25519 private key/);
    expect(readFileSync(file, 'utf8')).toBe('not a key');
  });

  it('is not made by a command that only verifies', () => {
    const file = join(directory(), 'audit-signing.key');
    expect(() => loadAuditSigningKey({ file, create: false })).toThrow(/No audit signing key/);
  });

  it('is kept beside the data directory unless AUDIT_SIGNING_KEY_FILE says where; checkpoints every 1000 events or 5 minutes', () => {
    expect(readConfig({ UNIONCASE_DATA_DIR: '/srv/unioncase/postgres' }).auditTrail).toMatchObject({
      signingKeyFile: '/srv/unioncase/audit-signing.key',
      sealerEnabled: true,
      checkpointEvery: 1000,
      checkpointIntervalSeconds: 300,
    });
    expect(readConfig({ AUDIT_SIGNING_KEY_FILE: '/etc/unioncase/audit.key' }).auditTrail.signingKeyFile).toBe('/etc/unioncase/audit.key');
    expect(readConfig({ AUDIT_CHECKPOINT_EVERY: '50', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '30', AUDIT_SEALER_ENABLED: 'false' }).auditTrail).toMatchObject({
      checkpointEvery: 50,
      checkpointIntervalSeconds: 30,
      sealerEnabled: false,
    });
    expect(() => readConfig({ AUDIT_CHECKPOINT_EVERY: '0' })).toThrow(/AUDIT_CHECKPOINT_EVERY/);
  });
});
