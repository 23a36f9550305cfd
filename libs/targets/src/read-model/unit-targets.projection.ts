import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '#event-store';
import type { Projection, ProjectionSql } from '#projections';
import { assertNever } from '#shared-kernel';
import type { UnitTargetsEvent } from '../unit-targets.decider.js';

/** The live table, as queries read it (the projection writes `unit_targets` through the projector's search_path). */
export const UNIT_TARGETS_TABLE = 'read_model.unit_targets';

/**
 * Every change of a unit's targets, with when and by whom it was recorded (the command's clock), so the targets in
 * force at any instant can be read back. A row is keyed by its stream and revision: replaying an event changes nothing.
 */
@Injectable()
export class UnitTargetsProjection implements Projection {
  readonly name = 'unit_targets';
  readonly eventTypes: readonly string[] = ['TargetSet', 'TargetWithdrawn'];
  /** The tables only this projection writes; it writes them unqualified, so a rebuild can point it at shadow copies. */
  readonly tables: readonly string[] = ['unit_targets'];

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as UnitTargetsEvent;
    const { unitId, year, metric, previousValue, reason } = event.data;
    let change: 'set' | 'withdrawn';
    let value: string | null;
    switch (event.type) {
      case 'TargetSet':
        change = 'set';
        value = event.data.value;
        break;
      case 'TargetWithdrawn':
        change = 'withdrawn';
        value = null;
        break;
      default:
        return assertNever(event, 'unit targets event');
    }
    sql.write(
      `INSERT INTO unit_targets (unit_id, year, revision, metric, change, value, previous_value, reason, recorded_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (unit_id, year, revision) DO NOTHING`,
      [unitId, year, recorded.revision.toString(), metric, change, value, previousValue, reason ?? null, recorded.metadata.occurredAt, recorded.metadata.actor],
    );
  }
}
