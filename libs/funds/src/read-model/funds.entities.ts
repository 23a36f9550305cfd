import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fund account as the auditors read it: its balance, what approved grants hold of it, and its pools. */
@Entity({ schema: 'read_model', name: 'funds' })
export class FundRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('text') source: string;
  @Column('text') name: string;
  @Column({ type: 'date', name: 'opened_on' }) openedOn: string;
  @Column({ type: 'bigint', name: 'balance_fen' }) balanceFen: string;
  @Column({ type: 'bigint', name: 'reserved_fen' }) reservedFen: string;
  @Column({ type: 'bigint', name: 'available_fen', insert: false, update: false }) availableFen: string;
  @Column('jsonb') pools: Record<string, { balanceFen: number; reservedFen: number }>;
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** One event of a fund's stream as a line of its cash book, with the balance after it. */
@Entity({ schema: 'read_model', name: 'fund_ledger' })
export class FundLedgerRow {
  @PrimaryColumn({ type: 'uuid', name: 'fund_id' }) fundId: string;
  @PrimaryColumn({ type: 'bigint' }) revision: string;
  @Column('text') position: string;
  @Column({ type: 'text', name: 'event_id' }) eventId: string;
  @Column({ type: 'text', name: 'event_type' }) eventType: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
  @Column({ type: 'date', name: 'value_date' }) valueDate: string;
  @Column('text') actor: string;
  @Column('text') kind: string;
  @Column({ type: 'bigint', name: 'amount_fen' }) amountFen: string;
  @Column({ type: 'bigint', name: 'reserved_change_fen' }) reservedChangeFen: string;
  @Column({ type: 'bigint', name: 'balance_after_fen' }) balanceAfterFen: string;
  @Column({ type: 'bigint', name: 'reserved_after_fen' }) reservedAfterFen: string;
  @Column({ type: 'text', nullable: true }) pool: string | null;
  @Column({ type: 'uuid', name: 'grant_id', nullable: true }) grantId: string | null;
  @Column({ type: 'uuid', name: 'programme_id', nullable: true }) programmeId: string | null;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', nullable: true }) counterpart: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
}

@Entity({ schema: 'read_model', name: 'aid_programmes' })
export class AidProgrammeRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column('integer') year: number;
  @Column('text') kind: string;
  @Column('text') name: string;
  @Column({ type: 'bigint', name: 'household_cap_fen' }) householdCapFen: string;
  @Column({ type: 'boolean', name: 'one_grant_per_household' }) oneGrantPerHousehold: boolean;
  @Column('jsonb') eligibility: object;
  @Column({ type: 'date', name: 'opens_on' }) opensOn: string;
  @Column({ type: 'date', name: 'closes_on' }) closesOn: string;
  @Column('text') status: string;
  @Column({ type: 'date', name: 'closed_on', nullable: true }) closedOn: string | null;
  @Column({ type: 'text', name: 'established_event_id' }) establishedEventId: string;
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** A grant from proposal to payment (or its end), with the events behind it; only a worker's name of their personal data. */
@Entity({ schema: 'read_model', name: 'aid_grants' })
export class AidGrantRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column({ type: 'uuid', name: 'programme_id' }) programmeId: string;
  @Column({ type: 'text', name: 'programme_kind' }) programmeKind: string;
  @Column({ type: 'uuid', name: 'fund_id' }) fundId: string;
  @Column({ type: 'text', name: 'recipient_kind' }) recipientKind: string;
  @Column({ type: 'uuid', name: 'file_id', nullable: true }) fileId: string | null;
  @Column({ type: 'uuid', name: 'person_id' }) personId: string;
  @Column({ type: 'text', name: 'recipient_name', nullable: true }) recipientName: string | null;
  @Column({ type: 'boolean', name: 'personal_data_erased' }) personalDataErased: boolean;
  @Column({ type: 'text', name: 'household_key' }) householdKey: string;
  @Column({ type: 'bigint', name: 'amount_fen' }) amountFen: string;
  @Column({ type: 'bigint', name: 'threshold_fen' }) thresholdFen: string;
  @Column({ type: 'text', name: 'admission_level', nullable: true }) admissionLevel: string | null;
  @Column({ type: 'text', name: 'admission_school', nullable: true }) admissionSchool: string | null;
  @Column('text') status: string;
  @Column({ type: 'text', name: 'proposed_by' }) proposedBy: string;
  @Column({ type: 'date', name: 'proposed_on' }) proposedOn: string;
  @Column({ type: 'timestamptz', name: 'proposed_at' }) proposedAt: Date;
  @Column({ type: 'text', name: 'proposed_event_id' }) proposedEventId: string;
  @Column({ type: 'text', nullable: true }) approval: string | null;
  @Column({ type: 'text', name: 'approved_by', nullable: true }) approvedBy: string | null;
  @Column({ type: 'date', name: 'approved_on', nullable: true }) approvedOn: string | null;
  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'text', name: 'approved_event_id', nullable: true }) approvedEventId: string | null;
  @Column({ type: 'text', nullable: true }) pool: string | null;
  @Column({ type: 'text', name: 'rejection_reason', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'date', name: 'rejected_on', nullable: true }) rejectedOn: string | null;
  @Column({ type: 'text', name: 'rejected_event_id', nullable: true }) rejectedEventId: string | null;
  @Column({ type: 'date', name: 'paid_on', nullable: true }) paidOn: string | null;
  @Column({ type: 'text', nullable: true }) method: string | null;
  @Column({ type: 'text', name: 'receipt_reference', nullable: true }) receiptReference: string | null;
  @Column({ type: 'text', name: 'in_kind_description', nullable: true }) inKindDescription: string | null;
  @Column({ type: 'text', name: 'disbursed_by', nullable: true }) disbursedBy: string | null;
  @Column({ type: 'timestamptz', name: 'disbursed_at', nullable: true }) disbursedAt: Date | null;
  @Column({ type: 'text', name: 'disbursed_event_id', nullable: true }) disbursedEventId: string | null;
  @Column({ type: 'text', name: 'disbursed_position', nullable: true }) disbursedPosition: string | null;
  @Column({ type: 'text', name: 'revocation_reason', nullable: true }) revocationReason: string | null;
  @Column({ type: 'date', name: 'revoked_on', nullable: true }) revokedOn: string | null;
  @Column({ type: 'text', name: 'revoked_event_id', nullable: true }) revokedEventId: string | null;
  @Column({ type: 'text', name: 'reversal_reason', nullable: true }) reversalReason: string | null;
  @Column({ type: 'date', name: 'reversed_on', nullable: true }) reversedOn: string | null;
  @Column({ type: 'text', name: 'reversed_event_id', nullable: true }) reversedEventId: string | null;
  @Column('jsonb') events: object[];
  @Column({ type: 'bigint' }) revision: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** A unit's approval threshold (一支笔审批): above it a supervisor approves. */
@Entity({ schema: 'read_model', name: 'aid_policies' })
export class AidPolicyRow {
  @PrimaryColumn({ type: 'uuid', name: 'unit_id' }) unitId: string;
  @Column({ type: 'bigint', name: 'threshold_fen' }) thresholdFen: string;
  @Column({ type: 'text', name: 'set_by' }) setBy: string;
  @Column({ type: 'timestamptz', name: 'set_at' }) setAt: Date;
  @Column({ type: 'text', name: 'event_id' }) eventId: string;
  @Column({ type: 'bigint' }) revision: string;
}

export const FUNDS_ENTITIES = [FundRow, FundLedgerRow, AidProgrammeRow, AidGrantRow, AidPolicyRow];
