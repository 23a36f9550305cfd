import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One hardship file as the register reads it; personal columns are null once the person is erased. */
@Entity({ schema: 'read_model', name: 'hardship_files' })
export class HardshipFileRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId: string;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ type: 'text', name: 'resident_id_masked', nullable: true }) residentIdMasked: string | null;
  @Column({ type: 'text', name: 'phone_masked', nullable: true }) phoneMasked: string | null;
  @Column({ type: 'boolean', name: 'personal_data_erased' }) personalDataErased: boolean;
  @Column('text') gender: string;
  @Column({ type: 'uuid', name: 'enterprise_id', nullable: true }) enterpriseId: string | null;
  @Column({ type: 'text', name: 'employer_name', nullable: true }) employerName: string | null;
  @Column({ type: 'integer', name: 'household_size' }) householdSize: number;
  @Column({ type: 'bigint', name: 'per_capita_monthly_income_fen' }) perCapitaMonthlyIncomeFen: string;
  @Column({ type: 'bigint', name: 'minimum_living_standard_fen' }) minimumLivingStandardFen: string;
  @Column({ type: 'text', array: true }) categories: string[];
  @Column('text') tier: string;
  @Column('text') status: string;
  @Column({ type: 'date', name: 'surveyed_on' }) surveyedOn: string;
  @Column({ type: 'date', name: 'opened_on' }) openedOn: string;
  @Column({ type: 'date', name: 'on_register_since' }) onRegisterSince: string;
  @Column({ type: 'date', name: 'last_reviewed_on', nullable: true }) lastReviewedOn: string | null;
  @Column({ type: 'date', name: 'next_review_due', nullable: true }) nextReviewDue: string | null;
  @Column({ type: 'text', name: 'leaving_reason', nullable: true }) leavingReason: string | null;
  @Column({ type: 'date', name: 'left_on', nullable: true }) leftOn: string | null;
  @Column({ type: 'integer', name: 'visit_count' }) visitCount: number;
  @Column({ type: 'date', name: 'last_visited_on', nullable: true }) lastVisitedOn: string | null;
  @Column({ type: 'integer', name: 'aid_request_count' }) aidRequestCount: number;
  @Column({ type: 'bigint', name: 'aid_requested_fen' }) aidRequestedFen: string;
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

export const CASEWORK_ENTITIES = [HardshipFileRow];
