import type { RecordedEvent } from '#event-store';
import type { Projection, ProjectionSql } from '#projections';
import { assertNever } from '#shared-kernel';
import type { EnterpriseEvent, EnterpriseRegistered } from '../enterprise.decider.js';
import type { UnionEvent, UnionFounded } from '../union.decider.js';

type EnterpriseRegisteredData = EnterpriseRegistered['data'];

type OrganizingEvent = EnterpriseEvent | UnionEvent;

/** Enterprises and unions as the lists, details and figures read them. */
export class OrganizingProjection implements Projection {
  readonly name = 'organizing';
  readonly tables: readonly string[] = ['enterprises', 'unions', 'union_enterprises'];
  readonly eventTypes = ['EnterpriseRegistered', 'UnionizationSurveyRecorded', 'EnterpriseUnionized', 'UnionFounded'];

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as OrganizingEvent;
    const revision = recorded.revision.toString();
    const updatedAt = recorded.metadata.occurredAt;
    // Unqualified tables, so a rebuild can fill its copies (see Projection in #projections).
    switch (event.type) {
      case 'EnterpriseRegistered': {
        const data = event.data as EnterpriseRegisteredData & { township?: string };
        sql.write(
          `INSERT INTO enterprises (id, name, credit_code, ownership, industry, township, unit_id, employee_count, women_employee_count,
             registered_on, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            data.enterpriseId,
            data.name,
            data.creditCode,
            data.ownership,
            data.industry,
            data.township ?? null,
            data.unitId ?? null,
            data.employeeCount,
            data.womenEmployeeCount,
            data.registeredOn,
            revision,
            updatedAt,
          ],
        );
        return;
      }
      case 'UnionizationSurveyRecorded':
        sql.write(
          `UPDATE enterprises SET survey_reason = $2, survey_target_date = $3, surveyed_on = $4, revision = $5, updated_at = $6 WHERE id = $1`,
          [event.data.enterpriseId, event.data.reason, event.data.targetDate, event.data.surveyedOn, revision, updatedAt],
        );
        return;
      case 'EnterpriseUnionized':
        sql.write(`UPDATE enterprises SET union_id = $2, unionized_on = $3, revision = $4, updated_at = $5 WHERE id = $1`, [
          event.data.enterpriseId,
          event.data.unionId,
          event.data.since,
          revision,
          updatedAt,
        ]);
        return;
      case 'UnionFounded': {
        const data = event.data as UnionFounded['data'] & { township?: string };
        sql.write(
          `INSERT INTO unions (id, name, kind, township, unit_id, founded_on, chair_name, initial_member_count, women_committee_founded,
             audit_committee_founded, covered_enterprise_count, status, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13)`,
          [
            data.unionId,
            data.name,
            data.kind,
            data.township ?? null,
            data.unitId ?? null,
            data.foundedOn,
            data.chairName,
            data.initialMemberCount,
            data.womenCommitteeFounded,
            data.auditCommitteeFounded,
            data.coveredEnterpriseIds.length,
            revision,
            updatedAt,
          ],
        );
        if (data.coveredEnterpriseIds.length) {
          sql.write(`INSERT INTO union_enterprises (union_id, enterprise_id) SELECT $1::uuid, unnest($2::uuid[])`, [
            data.unionId,
            data.coveredEnterpriseIds,
          ]);
        }
        return;
      }
      default:
        return assertNever(event, 'organizing event');
    }
  }
}
