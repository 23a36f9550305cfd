import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { EventStore, NO_STREAM, createCommandContext, toEventsToAppend, WrongExpectedRevisionError } from '#event-store';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '#http';
import {
  CreateAccountDto,
  CredentialStore,
  PasswordHasher,
  UNIT_LEVELS,
  UnitDirectory,
  accountStreamName,
  createAccount,
  passwordProblem,
  createUnit,
  type UnitLevel,
} from '#identity';
import { openToolDatabase, runMigrations } from '#platform';
import { Clock, IdGenerator } from '#shared-kernel';
import { AppModule } from '../app.module.js';
import { DEFAULT_SECURITY, readConfig } from '../config.js';
import { loadAuditSigningKey } from '../infrastructure/audit-signing-key.js';
import { loadPersonalDataKey } from '../infrastructure/personal-data-key.js';
import { readPassword } from './read-password.js';

const USAGE = `Creates the first admin account (once per database), and the top unit of the federation unless --unit-id names one.

  npm run create-admin -- --username <name> --display-name <name> --unit-name <name> --unit-level <${UNIT_LEVELS.join('|')}>
  npm run create-admin -- --username <name> --display-name <name> --unit-id <uuid>

The password is read from the terminal (not echoed), or from the first line of standard input, or from
UNIONCASE_ADMIN_PASSWORD. It is never taken from the command line, where other users could see it.
Uses DATABASE_URL, or the embedded database in UNIONCASE_DATA_DIR (started if the API is not running).`;

const FIRST_ADMIN_STREAM = 'bootstrap-first_admin';

async function main(): Promise<number> {
  const logger = new Logger('create-admin');
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      'unit-name': { type: 'string' },
      'unit-level': { type: 'string' },
      'unit-id': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const unitLevel = values['unit-level'] as UnitLevel | undefined;
  const hasNewUnit = values['unit-name'] && unitLevel && UNIT_LEVELS.includes(unitLevel);
  if (values.help || !values.username || !values['display-name'] || !(hasNewUnit || values['unit-id'])) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const password = await readPassword();
  const candidate = plainToInstance(CreateAccountDto, {
    username: values.username,
    displayName: values['display-name'],
    role: 'admin',
    unitId: values['unit-id'] ?? '00000000-0000-4000-8000-000000000000',
    password,
  });
  const problems = flattenValidationErrors(await validate(candidate));
  const weak = passwordProblem(candidate.username ?? '', candidate.password ?? '', 'password');
  if (weak) problems.push(...weak.problems.map((problem) => ({ field: problem.field ?? 'password', reason: problem.reason })));
  if (problems.length) {
    for (const problem of problems) logger.error(`${problem.field}: ${problem.reason}`);
    return 2;
  }

  const config = readConfig();
  const { databaseUrl, embedded } = await openToolDatabase(config);
  await runMigrations(databaseUrl);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      databaseUrl,
      projectorEnabled: false,
      logLevel: 'warn',
      security: DEFAULT_SECURITY,
      personalDataKey: loadPersonalDataKey({ fromEnvironment: config.personalDataKey, file: config.personalDataKeyFile }),
      eventStore: config.eventStore,
      // The key is made here if this runs before the server's first start, as the personal-data key is.
      auditTrail: {
        signingKey: loadAuditSigningKey({ fromEnvironment: config.auditTrail.signingKey, file: config.auditTrail.signingKeyFile }),
        sealerEnabled: false,
      },
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const store = app.get(EventStore);
    const context = createCommandContext({ actor: 'system:create-admin', correlationId: `create-admin-${Date.now()}` }, app.get(Clock), app.get(IdGenerator));
    const ids = app.get(IdGenerator);
    // Claimed first, so two runs cannot both create a "first" admin. The claim names the account and the top unit,
    // so a run that failed after claiming is finished by the next one under the same ids, without a second unit.
    const [claim] = await store.readStream(FIRST_ADMIN_STREAM, { maxCount: 1 });
    const userId = claim ? String(claim.data.userId) : ids.newId();
    if (claim && (await store.readStream(accountStreamName(userId), { maxCount: 1 })).length) {
      logger.error('The first admin already exists. Further accounts are created by an admin, in the app or with POST /api/accounts.');
      return 1;
    }
    const existingUnitId = values['unit-id'];
    if (existingUnitId && !(await app.get(UnitDirectory).find(existingUnitId))) {
      logger.error(`No unit ${existingUnitId}`);
      return 2;
    }
    const unitId = existingUnitId ?? (claim?.data.unitId ? String(claim.data.unitId) : ids.newId());
    if (!claim) {
      try {
        await store.appendToStream(FIRST_ADMIN_STREAM, NO_STREAM, toEventsToAppend([{ type: 'FirstAdminClaimed', data: { userId, unitId } }], context));
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          logger.error('Another create-admin run claimed the first admin at the same moment.');
          return 1;
        }
        throw error;
      }
    }
    if (!existingUnitId && !(await app.get(UnitDirectory).find(unitId))) {
      await createUnit(store, context, { unitId, name: values['unit-name']!, level: unitLevel!, parent: null });
      process.stdout.write(`Created the top unit "${values['unit-name']}" (${unitLevel}): ${unitId}\n`);
    }
    await createAccount({ store, hasher: app.get(PasswordHasher), credentials: app.get(CredentialStore) }, context, {
      userId,
      displayName: candidate.displayName,
      role: 'admin',
      unitId,
      password: candidate.password,
      username: candidate.username,
    });
    process.stdout.write(`Created admin "${candidate.username.toLowerCase()}" (${userId}). Sign in with it in the browser at the server's address (or through POST /api/auth/sign-in).\n`);
    return 0;
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    new Logger('create-admin').error((error as Error).message);
    process.exit(1);
  });
