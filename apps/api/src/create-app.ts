import 'reflect-metadata';
import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  createValidationPipe,
  JsonBodyGuard,
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsFilter,
  problemType,
  SESSION_COOKIE,
  StorableInputPipe,
} from '#http';
import { SIGN_IN_RATE_LIMITED_PATHS } from '#identity';
import type { RebuildOptions } from '#projections';
import type { Clock } from '#shared-kernel';
import { AppModule, type AuditTrailSettings } from './app.module.js';
import { DEFAULT_SECURITY, type EventStoreConfig, type SecurityConfig } from './config.js';

export interface CreateAppOptions {
  readonly databaseUrl: string;
  readonly projectorEnabled?: boolean;
  readonly projectorBatchSize?: number;
  readonly bodyLimit?: string;
  readonly logLevel?: string;
  readonly logFile?: string;
  readonly security?: Partial<SecurityConfig>;
  readonly clock?: Clock;
  readonly personalDataKey: Buffer;
  /** Where the events live: PostgreSQL at `databaseUrl` unless EventStoreDB is named here. */
  readonly eventStore?: EventStoreConfig;
  /** The checkpoint signing key, and how the sealer runs. */
  readonly auditTrail: AuditTrailSettings;
  /** How projection rebuilds run (tests use small batches). */
  readonly projectionRebuild?: RebuildOptions;
  /** The built admin UI to serve at `/` (the server passes dist/admin-ui). */
  readonly adminUiDir?: string;
}

/** The API as both the server and the end-to-end tests run it. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const security: SecurityConfig = { ...DEFAULT_SECURITY, ...options.security };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: options.databaseUrl,
      projectorEnabled: options.projectorEnabled ?? true,
      projectorBatchSize: options.projectorBatchSize,
      logLevel: options.logLevel,
      logFile: options.logFile,
      security,
      clock: options.clock,
      personalDataKey: options.personalDataKey,
      eventStore: options.eventStore,
      auditTrail: options.auditTrail,
      projectionRebuild: options.projectionRebuild,
      adminUiDir: options.adminUiDir,
    }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  app.set('trust proxy', security.trustProxy);
  // Swagger UI needs inline scripts and styles on its own page; everything else gets helmet's strict defaults.
  // Behind TLS (COOKIE_SECURE) browsers are also told to stay on HTTPS; on plain HTTP that would break the UI.
  const tls = security.cookieSecure;
  const directives = { 'upgrade-insecure-requests': tls ? [] : null };
  const strict = helmet({ contentSecurityPolicy: { directives }, strictTransportSecurity: tls });
  const forDocs = helmet({
    contentSecurityPolicy: { directives: { ...directives, 'script-src': ["'self'", "'unsafe-inline'"] } },
    strictTransportSecurity: tls,
  });
  app.use((request: { path: string }, response: unknown, next: () => void) =>
    (request.path.startsWith('/api/docs') ? forDocs : strict)(request as never, response as never, next),
  );
  // Closed unless origins are named: the browser UI is served from the API's own origin.
  if (security.corsOrigins.length) app.enableCors({ origin: [...security.corsOrigins], credentials: true });
  app.use(cookieParser());
  const rateLimitLogger = new NestLogger('RateLimit');
  // Counted in memory, per process: one API process per federation is the deployment this is sized for.
  app.use(
    SIGN_IN_RATE_LIMITED_PATHS,
    rateLimit({
      windowMs: 60_000,
      limit: security.signInRateLimit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (request, response) => {
        // Refused before the request logger sees it, so it is logged here: path only, like every request line.
        rateLimitLogger.warn(`${request.method} ${request.originalUrl.split('?')[0]} 429: sign-in rate limit reached`);
        response
          .status(429)
          .type(PROBLEM_CONTENT_TYPE)
          .send(
            JSON.stringify({
              type: problemType('TOO_MANY_ATTEMPTS'),
              title: 'Too many attempts from this address: wait a minute and try again',
              status: 429,
              code: 'TOO_MANY_ATTEMPTS',
              instance: request.originalUrl.split('?')[0],
            }),
          );
      },
    }),
  );
  // The same JSON types JsonBodyGuard lets through, so an application/*+json body is parsed, not ignored.
  app.useBodyParser('json', { limit: options.bodyLimit ?? '256kb', type: ['application/json', 'application/*+json'] });
  // Prometheus scrapes /metrics by default; everything else is under /api.
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalGuards(new JsonBodyGuard());
  app.useGlobalPipes(new StorableInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('UnionCase API')
      .setDescription('Case management for trade-union federations: every act recorded as an event.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A token from POST /api/auth/tokens' })
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/sign-in' }, SESSION_COOKIE)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
  return app;
}
