import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 32;

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where} must hold ${KEY_BYTES} bytes in base64 (openssl rand -base64 32), got ${key.length}`);
  return key;
}

/**
 * The master key that wraps every person's key: PERSONAL_DATA_KEY if set, else the key file, made on first start.
 * It belongs apart from the database's backups: a stolen backup without it holds no readable personal data.
 */
export function loadPersonalDataKey(options: { fromEnvironment?: string; file: string }): Buffer {
  if (options.fromEnvironment) return decode(options.fromEnvironment, 'PERSONAL_DATA_KEY');
  if (existsSync(options.file)) return decode(readFileSync(options.file, 'utf8'), options.file);
  mkdirSync(dirname(options.file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(options.file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  new Logger('PersonalData').warn(
    `Made a new personal-data master key in ${options.file}. Keep a copy apart from the database backups: without it no worker's personal data can be read.`,
  );
  return key;
}
