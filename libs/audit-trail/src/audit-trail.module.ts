import { Module, type DynamicModule } from '@nestjs/common';
import { AUDIT_TRAIL_OPTIONS, AuditTrail, type AuditTrailOptions } from './audit-trail.service.js';
import { CheckpointsController } from './checkpoints/checkpoints.controller.js';
import { VerifyController } from './verify/verify.controller.js';

/**
 * Tamper evidence: the hash chain over the log, its signed checkpoints, and verify. Needs EventStore and Clock from
 * the app, and TypeORM's DataSource; its tables live in the `audit` schema.
 */
@Module({})
export class AuditTrailModule {
  static forRoot(options: AuditTrailOptions): DynamicModule {
    return {
      module: AuditTrailModule,
      controllers: [VerifyController, CheckpointsController],
      providers: [{ provide: AUDIT_TRAIL_OPTIONS, useValue: options }, AuditTrail],
      exports: [AuditTrail],
    };
  }
}
