import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per talks: the recorded stage and dates. Time-derived status is computed at query time (talks.sql.ts). */
@Entity({ schema: 'read_model', name: 'wage_talks' })
export class WageTalksRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('text') scope: string;
  @Column({ type: 'uuid', name: 'initiating_union_id' }) initiatingUnionId: string;
  @Column({ type: 'text', array: true }) topics: string[];
  @Column({ type: 'date', name: 'offer_date' }) offerDate: string;
  /** offered, refused, rectification_issued, accepted, negotiating, agreed, adopted, filed, approved, withdrawn. */
  @Column('text') stage: string;
  @Column({ type: 'integer', name: 'covered_enterprise_count' }) coveredEnterpriseCount: number;
  @Column({ type: 'uuid', name: 'renews_talks_id', nullable: true }) renewsTalksId: string | null;
  @Column({ type: 'uuid', name: 'renewed_by_talks_id', nullable: true }) renewedByTalksId: string | null;
  @Column({ type: 'text', name: 'employer_decision', nullable: true }) employerDecision: string | null;
  @Column({ type: 'date', name: 'responded_on', nullable: true }) respondedOn: string | null;
  @Column({ type: 'date', name: 'rectification_issued_on', nullable: true }) rectificationIssuedOn: string | null;
  @Column({ type: 'date', name: 'rectification_respond_by', nullable: true }) rectificationRespondBy: string | null;
  @Column({ type: 'integer', name: 'rounds_held' }) roundsHeld: number;
  @Column({ type: 'date', name: 'signed_on', nullable: true }) signedOn: string | null;
  @Column({ type: 'integer', name: 'term_years', nullable: true }) termYears: number | null;
  @Column({ type: 'integer', name: 'wage_growth_basis_points', nullable: true }) wageGrowthBasisPoints: number | null;
  @Column({ type: 'bigint', name: 'minimum_monthly_wage_fen', nullable: true }) minimumMonthlyWageFen: string | null;
  @Column({ type: 'text', name: 'other_terms', nullable: true }) otherTerms: string | null;
  @Column({ type: 'date', name: 'adopted_on', nullable: true }) adoptedOn: string | null;
  @Column({ type: 'date', name: 'filed_on', nullable: true }) filedOn: string | null;
  @Column({ type: 'text', nullable: true }) bureau: string | null;
  @Column({ type: 'date', name: 'approved_on', nullable: true }) approvedOn: string | null;
  @Column({ type: 'date', name: 'withdrawn_on', nullable: true }) withdrawnOn: string | null;
  /** The stream revision this row reflects: the ETag, and the guard that makes a replayed event change nothing. */
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'opened_at' }) openedAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

@Entity({ schema: 'read_model', name: 'wage_talks_enterprises' })
export class WageTalksEnterpriseRow {
  @PrimaryColumn({ type: 'uuid', name: 'talks_id' }) talksId: string;
  @PrimaryColumn({ type: 'uuid', name: 'enterprise_id' }) enterpriseId: string;
}

/** Every step of every talks, as recorded: the detail view's history. */
@Entity({ schema: 'read_model', name: 'wage_talks_steps' })
export class WageTalksStepRow {
  @PrimaryColumn({ type: 'uuid', name: 'talks_id' }) talksId: string;
  @PrimaryColumn({ type: 'bigint' }) revision: string;
  @Column('text') type: string;
  /** The date the step happened on, as recorded (offer date, response date, ...). */
  @Column({ type: 'date', name: 'occurred_on' }) occurredOn: string;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('text') actor: string;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt: Date;
}

export const BARGAINING_ENTITIES = [WageTalksRow, WageTalksEnterpriseRow, WageTalksStepRow];
