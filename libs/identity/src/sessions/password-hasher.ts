import { Injectable } from '@nestjs/common';
import { hash, verify, type Options } from '@node-rs/argon2';

/** `Algorithm.Argon2id` from @node-rs/argon2: its enum is a const enum, which transpile-only builds cannot inline. */
const ARGON2ID = 2;

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): slow for an attacker with a stolen
 * table, about 20 ms for a sign-in. @node-rs/argon2 ships prebuilt binaries and runs no install script.
 */
const OPTIONS: Options = { algorithm: ARGON2ID as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  private decoy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password).catch(() => false);
  }

  /** Spends the time a real check would, so an unknown username answers no faster than a wrong password. */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash(`decoy-${Math.random()}`);
    await this.verify(await this.decoy, password);
    return false;
  }
}
