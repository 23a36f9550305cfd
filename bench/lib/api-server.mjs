// The API as a child process for the benchmarks: the same app `node dist/apps/api/src/main.js` serves (createApp),
// but on a loopback address and a free port, configured from the environment the benchmark gives it:
//   DATABASE_URL, PERSONAL_DATA_KEY (base64), AUDIT_SIGNING_KEY (PEM), PROJECTOR_ENABLED, AUDIT_SEALER_ENABLED,
//   PROJECTOR_BATCH_SIZE.
// Prints one line `{"port":N}` on stdout once it listens; SIGTERM closes it.
import { createPrivateKey } from 'node:crypto';
import { createApp } from '../../dist/apps/api/src/create-app.js';

const app = await createApp({
  databaseUrl: process.env.DATABASE_URL,
  logLevel: process.env.LOG_LEVEL ?? 'warn',
  projectorEnabled: process.env.PROJECTOR_ENABLED !== 'false',
  projectorBatchSize: process.env.PROJECTOR_BATCH_SIZE ? Number(process.env.PROJECTOR_BATCH_SIZE) : undefined,
  security: { signInRateLimit: 1_000_000 },
  personalDataKey: Buffer.from(process.env.PERSONAL_DATA_KEY, 'base64'),
  auditTrail: {
    signingKey: createPrivateKey(process.env.AUDIT_SIGNING_KEY),
    sealerEnabled: process.env.AUDIT_SEALER_ENABLED !== 'false',
  },
});
await app.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port: app.getHttpServer().address().port })}\n`);
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.close().finally(() => process.exit(0));
  });
}
