import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { KeyObject } from 'node:crypto';
import { AuditTrailModule } from '#audit-trail';
import { BARGAINING_ENTITIES, BargainingModule, BargainingProjection } from '#bargaining';
import { CASEWORK_ENTITIES, CaseworkModule, CaseworkProjection } from '#casework';
import { EMPLOYMENT_ENTITIES, EmploymentModule, EmploymentProjection } from '#employment';
import { FUNDS_ENTITIES, FundsModule, FundsProjection } from '#funds';
import { IdentityModule, IdentityProjection } from '#identity';
import { PersonalDataModule } from '#personal-data';
import { PROJECTIONS, ProjectionCommitsModule, type RebuildOptions } from '#projections';
import type { Clock } from '#shared-kernel';
import { TargetsModule, UnitTargetsProjection } from '#targets';
import { ORGANIZING_ENTITIES, OrganizingModule, OrganizingProjection } from '#organizing';
import { AnnualReportModule, StatisticsModule, StatisticsProjection } from '#statistics';
import { DEFAULT_AUDIT_TRAIL, DEFAULT_PROJECTOR_BATCH_SIZE, type EventStoreConfig, type SecurityConfig } from './config.js';
import { HealthController } from './health/health.controller.js';
import { EventStoreModule } from './infrastructure/event-store.module.js';
import { loggerOptions } from './infrastructure/logging.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsService } from './metrics/metrics.service.js';
import { PROJECTOR_BATCH_SIZE, PROJECTOR_ENABLED, ProjectorService } from './projector/projector.service.js';
import { PROJECTION_REBUILD_OPTIONS, ProjectionRebuilds } from './projector/projection-rebuilds.service.js';
import { ProjectionsAdminController } from './projector/projections-admin.controller.js';
import { BackgroundLogger } from './infrastructure/shutdown.js';
import { adminUiModule } from './admin-ui.js';

export interface AppModuleOptions {
  readonly databaseUrl: string;
  readonly projectorEnabled: boolean;
  /** Events per projector batch; default 500. */
  readonly projectorBatchSize?: number;
  readonly logLevel?: string;
  /** Log to this file rather than standard output. */
  readonly logFile?: string;
  readonly security: SecurityConfig;
  /** Tests pass a clock they move by hand; the server runs on the system clock. */
  readonly clock?: Clock;
  /** 32 bytes: wraps every person's key (see the README on keeping it). */
  readonly personalDataKey: Buffer;
  /** PostgreSQL (the default) or EventStoreDB/KurrentDB; the read models stay in `databaseUrl` either way. */
  readonly eventStore?: EventStoreConfig;
  readonly auditTrail: AuditTrailSettings;
  /** How rebuilds of projections run (batch size, swap lock timeout); the defaults suit the server. */
  readonly projectionRebuild?: RebuildOptions;
  /** The built admin UI to serve at `/`; none when left out or not built. */
  readonly adminUiDir?: string;
}

export interface AuditTrailSettings {
  /** The Ed25519 key checkpoints are signed with (see the README on keeping it). */
  readonly signingKey: KeyObject;
  /** Chain the log in this process; off in one-shot commands. Default: on. */
  readonly sealerEnabled?: boolean;
  readonly checkpointEvery?: number;
  readonly checkpointIntervalSeconds?: number;
  /** How often an idle sealer looks for new events (tests make it short). */
  readonly pollIntervalMs?: number;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(options.logLevel, options.logFile)),
        CqrsModule.forRoot(),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.databaseUrl,
          entities: [...ORGANIZING_ENTITIES, ...BARGAINING_ENTITIES, ...CASEWORK_ENTITIES, ...EMPLOYMENT_ENTITIES, ...FUNDS_ENTITIES],
          // The schema belongs to the migrations in infra/migrations, which run before the app starts.
          synchronize: false,
          migrationsRun: false,
          logging: false,
        }),
        EventStoreModule.forRoot({ databaseUrl: options.databaseUrl, eventStore: options.eventStore, clock: options.clock }),
        IdentityModule.forRoot({
          sessionPolicy: { maxAgeMinutes: options.security.sessionMaxAgeMinutes, idleMinutes: options.security.sessionIdleMinutes },
          cookieSecure: options.security.cookieSecure,
        }),
        PersonalDataModule.forRoot({ masterKey: options.personalDataKey }),
        AuditTrailModule.forRoot({
          signingKey: options.auditTrail.signingKey,
          sealerEnabled: options.auditTrail.sealerEnabled ?? true,
          checkpointEvery: options.auditTrail.checkpointEvery ?? DEFAULT_AUDIT_TRAIL.checkpointEvery,
          checkpointIntervalMs: (options.auditTrail.checkpointIntervalSeconds ?? DEFAULT_AUDIT_TRAIL.checkpointIntervalSeconds) * 1000,
          pollIntervalMs: options.auditTrail.pollIntervalMs,
          logger: new BackgroundLogger('AuditChain'),
        }),
        OrganizingModule,
        BargainingModule,
        CaseworkModule,
        EmploymentModule,
        FundsModule,
        TargetsModule,
        ProjectionCommitsModule,
        StatisticsModule,
        AnnualReportModule,
        ...adminUiModule(options.adminUiDir),
      ],
      controllers: [HealthController, MetricsController, ProjectionsAdminController],
      providers: [
        { provide: PROJECTOR_ENABLED, useValue: options.projectorEnabled },
        { provide: PROJECTOR_BATCH_SIZE, useValue: options.projectorBatchSize ?? DEFAULT_PROJECTOR_BATCH_SIZE },
        MetricsService,
        {
          provide: PROJECTIONS,
          inject: [
            IdentityProjection,
            OrganizingProjection,
            BargainingProjection,
            CaseworkProjection,
            EmploymentProjection,
            FundsProjection,
            StatisticsProjection,
            UnitTargetsProjection,
          ],
          useFactory: (...projections: unknown[]) => projections,
        },
        ProjectorService,
        { provide: PROJECTION_REBUILD_OPTIONS, useValue: options.projectionRebuild ?? {} },
        ProjectionRebuilds,
      ],
    };
  }
}
