import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'read_model', name: 'enterprises' })
export class EnterpriseRow {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ type: 'char', length: 18, name: 'credit_code' }) creditCode: string;
  @Column('text') ownership: string;
  @Column('text') industry: string;
  /** Only on records from before federation units existed; unitId replaced it. */
  @Column({ type: 'text', nullable: true }) township: string | null;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId: string | null;
  @Column({ type: 'integer', name: 'employee_count' }) employeeCount: number;
  @Column({ type: 'integer', name: 'women_employee_count' }) womenEmployeeCount: number;
  @Column({ type: 'date', name: 'registered_on' }) registeredOn: string;
  @Column({ type: 'uuid', name: 'union_id', nullable: true }) unionId: string | null;
  @Column({ type: 'date', name: 'unionized_on', nullable: true }) unionizedOn: string | null;
  @Column({ type: 'text', name: 'survey_reason', nullable: true }) surveyReason: string | null;
  @Column({ type: 'date', name: 'survey_target_date', nullable: true }) surveyTargetDate: string | null;
  @Column({ type: 'date', name: 'surveyed_on', nullable: true }) surveyedOn: string | null;
  /** The stream revision this row reflects: the ETag for optimistic concurrency over HTTP. */
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

@Entity({ schema: 'read_model', name: 'unions' })
export class UnionRow {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') kind: string;
  /** Only on records from before federation units existed; unitId replaced it. */
  @Column({ type: 'text', nullable: true }) township: string | null;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId: string | null;
  @Column({ type: 'date', name: 'founded_on' }) foundedOn: string;
  @Column({ type: 'text', name: 'chair_name' }) chairName: string;
  @Column({ type: 'integer', name: 'initial_member_count' }) initialMemberCount: number;
  @Column({ type: 'boolean', name: 'women_committee_founded' }) womenCommitteeFounded: boolean;
  @Column({ type: 'boolean', name: 'audit_committee_founded' }) auditCommitteeFounded: boolean;
  @Column({ type: 'integer', name: 'covered_enterprise_count' }) coveredEnterpriseCount: number;
  @Column('text') status: string;
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

@Entity({ schema: 'read_model', name: 'union_enterprises' })
export class UnionEnterpriseRow {
  @PrimaryColumn({ type: 'uuid', name: 'union_id' }) unionId: string;
  @PrimaryColumn({ type: 'uuid', name: 'enterprise_id' }) enterpriseId: string;
}

export const ORGANIZING_ENTITIES = [EnterpriseRow, UnionRow, UnionEnterpriseRow];
