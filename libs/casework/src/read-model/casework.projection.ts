import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '#event-store';
import { maskPhone, maskResidentId, PersonalDataVault, type PersonalDataErased } from '#personal-data';
import type { Projection, ProjectionSql } from '#projections';
import { assertNever } from '#shared-kernel';
import type { WorkerPersonalData } from '../casework.vocabulary.js';
import type { HardshipFileEvent, HardshipFileOpened } from '../hardship-file.decider.js';

type CaseworkEvent = HardshipFileEvent | PersonalDataErased;

/**
 * The hardship register. Sealed personal data is opened as each event is applied, and only the name, a masked ID
 * number and a masked phone are kept. When a person is erased their columns are emptied and flagged; the file, its
 * status and all its figures stay. Replaying the log after an erasure yields the same rows, since nothing sealed
 * for the person opens any more. Each update applies only to a row older than the event, so re-applying an event
 * changes nothing.
 */
@Injectable()
export class CaseworkProjection implements Projection {
  readonly name = 'casework';
  readonly tables: readonly string[] = ['hardship_files'];
  readonly eventTypes: readonly string[] = [
    'HardshipFileOpened',
    'HardshipFileReviewed',
    'HardshipFileClosed',
    'HardshipFileReentered',
    'HardshipVisitRecorded',
    'AidRequestNoted',
    'PersonalDataErased',
  ];

  constructor(private readonly vault: PersonalDataVault) {}

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as CaseworkEvent;
    const revision = recorded.revision.toString();
    const at = recorded.metadata.occurredAt;
    /** Updates the file's row unless it already reflects this event or a later one. */
    const update = (fileId: string, set: string, values: unknown[]) =>
      sql.write(`UPDATE hardship_files SET ${set}, revision = $2, updated_at = $3 WHERE id = $1::uuid AND revision < $2::bigint`, [
        fileId,
        revision,
        at,
        ...values,
      ]);
    switch (event.type) {
      case 'HardshipFileOpened':
        return this.opened(event, revision, at, sql);
      case 'HardshipFileReviewed': {
        const { fileId, reviewedOn, householdSize, perCapitaMonthlyIncomeFen, minimumLivingStandardFen, categories, tier, nextReviewDue } = event.data;
        update(
          fileId,
          `last_reviewed_on = $4, household_size = $5, per_capita_monthly_income_fen = $6, minimum_living_standard_fen = $7,
           categories = $8::text[], tier = coalesce($9, tier), next_review_due = coalesce($10::date, next_review_due)`,
          [reviewedOn, householdSize, perCapitaMonthlyIncomeFen, minimumLivingStandardFen, categories, tier, nextReviewDue],
        );
        return;
      }
      case 'HardshipFileClosed':
        update(event.data.fileId, `status = 'closed', leaving_reason = $4, left_on = $5, next_review_due = NULL`, [
          event.data.reason,
          event.data.leftOn,
        ]);
        return;
      case 'HardshipFileReentered': {
        const { fileId, reenteredOn, householdSize, perCapitaMonthlyIncomeFen, minimumLivingStandardFen, categories, tier, nextReviewDue } = event.data;
        update(
          fileId,
          `status = 'open', leaving_reason = NULL, left_on = NULL, on_register_since = $4, household_size = $5,
           per_capita_monthly_income_fen = $6, minimum_living_standard_fen = $7, categories = $8::text[], tier = $9, next_review_due = $10`,
          [reenteredOn, householdSize, perCapitaMonthlyIncomeFen, minimumLivingStandardFen, categories, tier, nextReviewDue],
        );
        return;
      }
      case 'HardshipVisitRecorded':
        update(event.data.fileId, `visit_count = visit_count + 1, last_visited_on = greatest(last_visited_on, $4::date)`, [event.data.visitedOn]);
        return;
      case 'AidRequestNoted':
        update(event.data.fileId, `aid_request_count = aid_request_count + 1, aid_requested_fen = aid_requested_fen + $4::bigint`, [
          event.data.amountRequestedFen,
        ]);
        return;
      case 'PersonalDataErased':
        sql.write(
          `UPDATE hardship_files
              SET name = NULL, resident_id_masked = NULL, phone_masked = NULL, personal_data_erased = true
            WHERE person_id = $1::uuid`,
          [event.data.personId],
        );
        return;
      default:
        return assertNever(event, 'casework event');
    }
  }

  private async opened({ data }: HardshipFileOpened, revision: string, at: string, sql: ProjectionSql): Promise<void> {
    const worker = await this.vault.open<WorkerPersonalData>(data.worker);
    sql.write(
      `INSERT INTO hardship_files (
         id, unit_id, person_id, name, resident_id_masked, phone_masked, personal_data_erased, gender, enterprise_id, employer_name,
         household_size, per_capita_monthly_income_fen, minimum_living_standard_fen, categories, tier, status,
         surveyed_on, opened_on, on_register_since, next_review_due, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[], $15, 'open', $16, $17, $17, $18, $19, $20)
       ON CONFLICT (id) DO NOTHING`,
      [
        data.fileId,
        data.unitId,
        data.worker.personId,
        worker?.name ?? null,
        worker ? maskResidentId(worker.residentId) : null,
        worker?.phone ? maskPhone(worker.phone) : null,
        worker === null,
        data.gender,
        data.enterpriseId,
        data.employerName,
        data.householdSize,
        data.perCapitaMonthlyIncomeFen,
        data.minimumLivingStandardFen,
        data.categories,
        data.tier,
        data.surveyedOn,
        data.openedOn,
        data.nextReviewDue,
        revision,
        at,
      ],
    );
  }
}
