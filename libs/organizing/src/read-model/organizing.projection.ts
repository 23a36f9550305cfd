import type { RecordedEvent } from '#event-store';
import type { Projection } from '#projections';
import { assertNever } from '#shared-kernel';
import type { EntityManager } from 'typeorm';
import type { EnterpriseEvent } from '../enterprise.decider.js';
import type { UnionEvent } from '../union.decider.js';
import { EnterpriseRow, UnionEnterpriseRow, UnionRow } from './organizing.entities.js';

type OrganizingEvent = EnterpriseEvent | UnionEvent;

/** Enterprises and unions as the lists, details and figures read them. */
export class OrganizingProjection implements Projection {
  readonly name = 'organizing';
  readonly eventTypes = ['EnterpriseRegistered', 'UnionizationSurveyRecorded', 'EnterpriseUnionized', 'UnionFounded'];

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as OrganizingEvent;
    const revision = recorded.revision.toString();
    const updatedAt = new Date(recorded.metadata.occurredAt);
    switch (event.type) {
      case 'EnterpriseRegistered': {
        const { enterpriseId, ...data } = event.data;
        await manager.insert(EnterpriseRow, { id: enterpriseId, ...data, revision, updatedAt });
        return;
      }
      case 'UnionizationSurveyRecorded':
        await manager.update(EnterpriseRow, event.data.enterpriseId, {
          surveyReason: event.data.reason,
          surveyTargetDate: event.data.targetDate,
          surveyedOn: event.data.surveyedOn,
          revision,
          updatedAt,
        });
        return;
      case 'EnterpriseUnionized':
        await manager.update(EnterpriseRow, event.data.enterpriseId, {
          unionId: event.data.unionId,
          unionizedOn: event.data.since,
          revision,
          updatedAt,
        });
        return;
      case 'UnionFounded': {
        const { unionId, coveredEnterpriseIds, ...data } = event.data;
        await manager.insert(UnionRow, {
          id: unionId,
          ...data,
          coveredEnterpriseCount: coveredEnterpriseIds.length,
          status: 'active',
          revision,
          updatedAt,
        });
        await manager.insert(
          UnionEnterpriseRow,
          coveredEnterpriseIds.map((enterpriseId) => ({ unionId, enterpriseId })),
        );
        return;
      }
      default:
        return assertNever(event, 'organizing event');
    }
  }
}
