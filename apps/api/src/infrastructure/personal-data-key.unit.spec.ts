import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../config.js';
import { loadPersonalDataKey } from './personal-data-key.js';

describe('the personal-data master key', () => {
  const directory = () => mkdtempSync(join(tmpdir(), 'unioncase-key-'));

  it('is made once, readable only by its owner, and read back the same on the next start', () => {
    const file = join(directory(), 'nested', 'personal-data.key');
    const made = loadPersonalDataKey({ file });
    expect(made).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadPersonalDataKey({ file })).toEqual(made);
  });

  it('comes from PERSONAL_DATA_KEY before any file, and must be 32 bytes', () => {
    const key = randomBytes(32);
    const file = join(directory(), 'personal-data.key');
    writeFileSync(file, randomBytes(32).toString('base64'));
    expect(loadPersonalDataKey({ fromEnvironment: key.toString('base64'), file })).toEqual(key);
    expect(() => loadPersonalDataKey({ fromEnvironment: randomBytes(16).toString('base64'), file })).toThrow(/PERSONAL_DATA_KEY must hold 32 bytes/);
    writeFileSync(file, 'not a key');
    expect(() => loadPersonalDataKey({ file })).toThrow(/must hold 32 bytes/);
    expect(readFileSync(file, 'utf8')).toBe('not a key');
  });

  it('is kept beside the data directory unless PERSONAL_DATA_KEY_FILE says where', () => {
    expect(readConfig({ UNIONCASE_DATA_DIR: '/srv/unioncase/postgres' }).personalDataKeyFile).toBe('/srv/unioncase/personal-data.key');
    expect(readConfig({ PERSONAL_DATA_KEY_FILE: '/etc/unioncase/key' }).personalDataKeyFile).toBe('/etc/unioncase/key');
  });
});
