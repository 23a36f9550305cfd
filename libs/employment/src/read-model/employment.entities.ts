import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per job seeker. Of their personal data only what lists and searches need: the name, a masked phone and
 * ID number, and skills; all NULL, with personalDataErased set, once the person is erased.
 */
@Entity({ schema: 'read_model', name: 'employment_seekers' })
export class JobSeekerRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('text') kind: string;
  @Column('text') gender: string;
  @Column('text') status: string;
  @Column('integer') cycle: number;
  @Column({ type: 'date', name: 'registered_on' }) registeredOn: string;
  @Column({ type: 'date', name: 'first_registered_on' }) firstRegisteredOn: string;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ type: 'text', name: 'phone_masked', nullable: true }) phoneMasked: string | null;
  @Column({ type: 'text', name: 'resident_id_masked', nullable: true }) residentIdMasked: string | null;
  @Column({ type: 'text', array: true, nullable: true }) skills: string[] | null;
  @Column({ type: 'boolean', name: 'personal_data_erased' }) personalDataErased: boolean;
  @Column({ type: 'integer', name: 'open_trainings' }) openTrainings: number;
  @Column({ type: 'integer', name: 'open_referrals' }) openReferrals: number;
  @Column({ type: 'date', name: 'rehired_on', nullable: true }) rehiredOn: string | null;
  /** The stream revision this row reflects: the ETag for optimistic concurrency over HTTP. */
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** One row per registration cycle (the first, and each after a job loss): "seekers registered" figures. */
@Entity({ schema: 'read_model', name: 'employment_registrations' })
export class SeekerRegistrationRow {
  @PrimaryColumn({ type: 'uuid', name: 'seeker_id' }) seekerId: string;
  @PrimaryColumn('integer') cycle: number;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('text') kind: string;
  @Column('text') gender: string;
  @Column({ type: 'date', name: 'registered_on' }) registeredOn: string;
  @Column({ type: 'date', name: 'lost_job_on', nullable: true }) lostJobOn: string | null;
  @Column({ type: 'text', name: 'job_loss_reason', nullable: true }) jobLossReason: string | null;
}

@Entity({ schema: 'read_model', name: 'employment_trainings' })
export class SeekerTrainingRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'seeker_id' }) seekerId: string;
  @Column('integer') cycle: number;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column({ type: 'text', name: 'course_type' }) courseType: string;
  @Column({ type: 'text', name: 'course_name' }) courseName: string;
  @Column('text') provider: string;
  @Column({ type: 'date', name: 'starts_on' }) startsOn: string;
  @Column({ type: 'date', name: 'ends_on' }) endsOn: string;
  @Column('text') status: string;
  @Column({ type: 'date', name: 'completed_on', nullable: true }) completedOn: string | null;
  @Column({ type: 'boolean', nullable: true }) certified: boolean | null;
  @Column({ type: 'date', name: 'dropped_on', nullable: true }) droppedOn: string | null;
  @Column({ type: 'text', name: 'drop_out_reason', nullable: true }) dropOutReason: string | null;
}

@Entity({ schema: 'read_model', name: 'employment_referrals' })
export class SeekerReferralRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'seeker_id' }) seekerId: string;
  @Column('integer') cycle: number;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('text') employer: string;
  @Column('text') position: string;
  @Column({ type: 'uuid', name: 'fair_id', nullable: true }) fairId: string | null;
  @Column({ type: 'uuid', name: 'position_id', nullable: true }) positionId: string | null;
  @Column({ type: 'date', name: 'referred_on' }) referredOn: string;
  /** open, hired, not_hired, seeker_declined, or superseded (the seeker took another job). */
  @Column('text') status: string;
  @Column({ type: 'date', name: 'closed_on', nullable: true }) closedOn: string | null;
}

/** One row per WorkerRehired: the rehiring figures by unit, period, channel, kind and gender. */
@Entity({ schema: 'read_model', name: 'employment_rehirings' })
export class SeekerRehiringRow {
  @PrimaryColumn({ type: 'uuid', name: 'seeker_id' }) seekerId: string;
  @PrimaryColumn('integer') cycle: number;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('text') kind: string;
  @Column('text') gender: string;
  @Column('text') employer: string;
  @Column('text') position: string;
  @Column({ type: 'date', name: 'started_on' }) startedOn: string;
  @Column('text') channel: string;
  @Column({ type: 'uuid', name: 'referral_id', nullable: true }) referralId: string | null;
  @Column({ type: 'uuid', name: 'fair_id', nullable: true }) fairId: string | null;
}

@Entity({ schema: 'read_model', name: 'employment_job_fairs' })
export class JobFairRow {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ type: 'date', name: 'held_on' }) heldOn: string;
  @Column('text') place: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('text') organiser: string;
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

@Entity({ schema: 'read_model', name: 'employment_fair_positions' })
export class FairPositionRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'fair_id' }) fairId: string;
  @Column('text') employer: string;
  @Column('text') position: string;
  @Column('integer') count: number;
}

export const EMPLOYMENT_ENTITIES = [JobSeekerRow, SeekerRegistrationRow, SeekerTrainingRow, SeekerReferralRow, SeekerRehiringRow, JobFairRow, FairPositionRow];
