import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '#event-store';
import { maskPhone, maskResidentId, PersonalDataVault, type PersonalDataErased } from '#personal-data';
import type { Projection, ProjectionSql } from '#projections';
import { assertNever } from '#shared-kernel';
import type { JobFairEvent } from '../job-fair.decider.js';
import type { JobSeekerEvent, JobSeekerRegistered, SeekerPersonalFields } from '../job-seeker.decider.js';

type EmploymentEvent = JobSeekerEvent | JobFairEvent | PersonalDataErased;

const SEEKERS = 'employment_seekers';

/**
 * Job seekers, trainings, referrals, rehirings and job fairs as lists, details and figures read them.
 *
 * Personal data is opened with the vault while the registration is applied, and only what lists need is kept.
 * PersonalDataErased scrubs the person's rows; replaying the log after an erasure finds the key destroyed and
 * writes the same scrubbed rows. Each seeker and fair row carries its stream revision, and an event at or below it
 * is skipped, so applying an event twice changes nothing even without the projector's checkpoint.
 */
@Injectable()
export class EmploymentProjection implements Projection {
  readonly name = 'employment';
  readonly tables: readonly string[] = [
    'employment_seekers',
    'employment_registrations',
    'employment_trainings',
    'employment_referrals',
    'employment_rehirings',
    'employment_job_fairs',
    'employment_fair_positions',
  ];
  readonly eventTypes: readonly string[] = [
    'JobSeekerRegistered',
    'JobSeekerReregistered',
    'TrainingEnrolled',
    'TrainingCompleted',
    'TrainingDroppedOut',
    'SeekerReferred',
    'ReferralOutcomeRecorded',
    'WorkerRehired',
    'JobFairOrganised',
    'PositionOffered',
    'PersonalDataErased',
  ];

  constructor(private readonly vault: PersonalDataVault) {}

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as EmploymentEvent;
    const revision = recorded.revision.toString();
    const at = new Date(recorded.metadata.occurredAt);
    switch (event.type) {
      case 'JobSeekerRegistered':
        return this.registered(event, revision, at, sql);
      case 'PersonalDataErased':
        sql.write(
          `WITH scrubbed AS (
             UPDATE ${SEEKERS} SET name = NULL, phone_masked = NULL, resident_id_masked = NULL, skills = NULL, personal_data_erased = true
              WHERE person_id = $1::uuid RETURNING id)
           SELECT count(*)::int AS n FROM scrubbed`,
          [event.data.personId],
        );
        return;
      case 'JobFairOrganised': {
        const { fairId, name, heldOn, place, unitId, organiser } = event.data;
        sql.write(
          `INSERT INTO employment_job_fairs (id, name, held_on, place, unit_id, organiser, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
          [fairId, name, heldOn, place, unitId, organiser, revision, at],
        );
        return;
      }
      case 'PositionOffered': {
        const { fairId, positionId, employer, position, count } = event.data;
        sql.write(
          `WITH fair AS (
             UPDATE employment_job_fairs SET revision = $6, updated_at = $7 WHERE id = $1 AND revision < $6 RETURNING id)
           INSERT INTO employment_fair_positions (id, fair_id, employer, position, count)
           SELECT $2, fair.id, $3, $4, $5 FROM fair ON CONFLICT (id) DO NOTHING`,
          [fairId, positionId, employer, position, count, revision, at],
        );
        return;
      }
      default:
        // Every other event is about one seeker: applied once, at a revision above the row's.
        if (!(await this.advance(event.data.seekerId, revision, at, sql))) return;
        await this.seekerEvent(event, sql);
        await this.refreshStatus(event.data.seekerId, sql);
    }
  }

  private async registered(event: JobSeekerRegistered, revision: string, at: Date, sql: ProjectionSql): Promise<void> {
    const { seekerId, personal, kind, gender, unitId, registeredOn } = event.data;
    // null once the person is erased: the row is written already scrubbed.
    const fields = await this.vault.open<SeekerPersonalFields>(personal);
    const [inserted] = await sql.query(
      `INSERT INTO ${SEEKERS} (id, person_id, unit_id, kind, gender, status, cycle, registered_on, first_registered_on, name, phone_masked,
                               resident_id_masked, skills, personal_data_erased, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'registered', 1, $6, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        seekerId,
        personal.personId,
        unitId,
        kind,
        gender,
        registeredOn,
        fields?.name ?? null,
        fields ? maskPhone(fields.phone) : null,
        fields?.residentId ? maskResidentId(fields.residentId) : null,
        fields?.skills ?? null,
        fields === null,
        revision,
        at,
      ],
    );
    if (!inserted) return;
    sql.write(
      `INSERT INTO employment_registrations (seeker_id, cycle, unit_id, kind, gender, registered_on) VALUES ($1, 1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [seekerId, unitId, kind, gender, registeredOn],
    );
  }

  private async advance(seekerId: string, revision: string, at: Date, sql: ProjectionSql): Promise<boolean> {
    const [row] = await sql.query(
      `WITH advanced AS (UPDATE ${SEEKERS} SET revision = $2, updated_at = $3 WHERE id = $1 AND revision < $2 RETURNING id) SELECT id FROM advanced`,
      [seekerId, revision, at],
    );
    return Boolean(row);
  }

  private async seekerEvent(event: Exclude<EmploymentEvent, JobSeekerRegistered | PersonalDataErased | JobFairEvent>, sql: ProjectionSql): Promise<void> {
    switch (event.type) {
      case 'JobSeekerReregistered': {
        const { seekerId, cycle, kind, registeredOn, lostJobOn, jobLossReason } = event.data;
        sql.write(
          `UPDATE ${SEEKERS} SET cycle = $2, kind = $3, registered_on = $4, rehired_on = NULL WHERE id = $1`,
          [seekerId, cycle, kind, registeredOn],
        );
        sql.write(
          `INSERT INTO employment_registrations (seeker_id, cycle, unit_id, kind, gender, registered_on, lost_job_on, job_loss_reason)
           SELECT id, $2, unit_id, $3, gender, $4, $5, $6 FROM ${SEEKERS} WHERE id = $1 ON CONFLICT DO NOTHING`,
          [seekerId, cycle, kind, registeredOn, lostJobOn, jobLossReason],
        );
        return;
      }
      case 'TrainingEnrolled': {
        const { seekerId, trainingId, cycle, courseType, courseName, provider, startsOn, endsOn } = event.data;
        sql.write(
          `INSERT INTO employment_trainings (id, seeker_id, cycle, unit_id, course_type, course_name, provider, starts_on, ends_on, status)
           SELECT $2, id, $3, unit_id, $4, $5, $6, $7, $8, 'enrolled' FROM ${SEEKERS} WHERE id = $1 ON CONFLICT (id) DO NOTHING`,
          [seekerId, trainingId, cycle, courseType, courseName, provider, startsOn, endsOn],
        );
        return;
      }
      case 'TrainingCompleted':
        sql.write(`UPDATE employment_trainings SET status = 'completed', completed_on = $2, certified = $3 WHERE id = $1`, [
          event.data.trainingId,
          event.data.completedOn,
          event.data.certified,
        ]);
        return;
      case 'TrainingDroppedOut':
        sql.write(`UPDATE employment_trainings SET status = 'dropped_out', dropped_on = $2, drop_out_reason = $3 WHERE id = $1`, [
          event.data.trainingId,
          event.data.droppedOn,
          event.data.reason,
        ]);
        return;
      case 'SeekerReferred': {
        const { seekerId, referralId, cycle, employer, position, fairId, positionId, referredOn } = event.data;
        sql.write(
          `INSERT INTO employment_referrals (id, seeker_id, cycle, unit_id, employer, position, fair_id, position_id, referred_on, status)
           SELECT $2, id, $3, unit_id, $4, $5, $6, $7, $8, 'open' FROM ${SEEKERS} WHERE id = $1 ON CONFLICT (id) DO NOTHING`,
          [seekerId, referralId, cycle, employer, position, fairId, positionId, referredOn],
        );
        return;
      }
      case 'ReferralOutcomeRecorded':
        sql.write(`UPDATE employment_referrals SET status = $2, closed_on = $3 WHERE id = $1`, [
          event.data.referralId,
          event.data.outcome,
          event.data.recordedOn,
        ]);
        return;
      case 'WorkerRehired': {
        const { seekerId, cycle, employer, position, startedOn, channel, referralId, fairId } = event.data;
        sql.write(
          `INSERT INTO employment_rehirings (seeker_id, cycle, unit_id, kind, gender, employer, position, started_on, channel, referral_id, fair_id)
           SELECT id, $2, unit_id, kind, gender, $3, $4, $5, $6, $7, $8 FROM ${SEEKERS} WHERE id = $1 ON CONFLICT DO NOTHING`,
          [seekerId, cycle, employer, position, startedOn, channel, referralId, fairId],
        );
        sql.write(
          `UPDATE employment_referrals SET status = CASE WHEN id = $3::uuid THEN 'hired' ELSE 'superseded' END, closed_on = $4
            WHERE seeker_id = $1 AND cycle = $2 AND status = 'open'`,
          [seekerId, cycle, referralId, startedOn],
        );
        sql.write(`UPDATE ${SEEKERS} SET rehired_on = $2 WHERE id = $1`, [seekerId, startedOn]);
        return;
      }
      default:
        return assertNever(event, 'employment event');
    }
  }

  /** The list's status, from the current cycle: rehired, else in training, else referred, else registered. */
  private async refreshStatus(seekerId: string, sql: ProjectionSql): Promise<void> {
    sql.write(
      `WITH counts AS (
         SELECT s.id,
                (SELECT count(*) FROM employment_trainings t WHERE t.seeker_id = s.id AND t.status = 'enrolled')::int AS trainings,
                (SELECT count(*) FROM employment_referrals r WHERE r.seeker_id = s.id AND r.cycle = s.cycle AND r.status = 'open')::int AS referrals
           FROM ${SEEKERS} s WHERE s.id = $1
       ), refreshed AS (
         UPDATE ${SEEKERS} s SET open_trainings = counts.trainings, open_referrals = counts.referrals,
                status = CASE WHEN s.rehired_on IS NOT NULL THEN 'rehired' WHEN counts.trainings > 0 THEN 'in_training'
                              WHEN counts.referrals > 0 THEN 'referred' ELSE 'registered' END
           FROM counts WHERE s.id = counts.id RETURNING s.id)
       SELECT count(*)::int AS n FROM refreshed`,
      [seekerId],
    );
  }
}
