import { Injectable } from '@nestjs/common';
import { formatPosition, type RecordedEvent } from '#event-store';
import { PersonalDataVault, type PersonalDataErased } from '#personal-data';
import type { Projection, ProjectionSql } from '#projections';
import { assertNever, type Fen } from '#shared-kernel';
import type { AidApprovalThresholdSet, AidProgrammeEvent } from '../aid-programme.decider.js';
import type { AidGrantEvent, AidProposed } from '../aid-grant.decider.js';
import type { FundEvent, FundOpened } from '../fund.decider.js';
import type { RecipientPersonalData } from '../funds.vocabulary.js';
import { EMPTY_LEDGER, nextLedgerEntry, type FundLedgerEntry, type LedgerState } from './fund-ledger.js';

const FUND_EVENT_TYPES: readonly FundEvent['type'][] = [
  'FundOpened',
  'FundsAllocated',
  'DonationReceived',
  'ContributionsReceived',
  'FundTransferredOut',
  'FundTransferredIn',
  'AidReserved',
  'ReservationReleased',
  'AidPaidOut',
  'AidPaymentReversed',
];
const PROGRAMME_EVENT_TYPES: readonly AidProgrammeEvent['type'][] = ['AidProgrammeEstablished', 'AidProgrammeClosed'];
const GRANT_EVENT_TYPES: readonly AidGrantEvent['type'][] = [
  'AidProposed',
  'AidGranted',
  'AidProposalRejected',
  'AidDisbursed',
  'AidRevoked',
  'AidDisbursementReversed',
];
const FUND_TYPES = new Set<string>(FUND_EVENT_TYPES);

type FundsReadEvent = AidProgrammeEvent | AidGrantEvent | AidApprovalThresholdSet | PersonalDataErased;

/** A grant's event as its list of events behind it shows it. */
export interface EventBehind {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  actor: string;
}

export function eventBehind(recorded: RecordedEvent): EventBehind {
  return {
    eventId: recorded.metadata.eventId,
    type: recorded.type,
    revision: Number(recorded.revision),
    position: formatPosition(recorded.position),
    occurredAt: recorded.metadata.occurredAt,
    actor: recorded.metadata.actor,
  };
}

const LEDGER_COLUMNS = `fund_id, revision, position, event_id, event_type, occurred_at, value_date, actor, kind, amount_fen, reserved_change_fen,
  balance_after_fen, reserved_after_fen, pool, grant_id, programme_id, reference, counterpart, description`;

function ledgerValues(entry: FundLedgerEntry): unknown[] {
  return [
    entry.fundId, entry.revision, entry.position, entry.eventId, entry.eventType, entry.occurredAt, entry.valueDate, entry.actor, entry.kind,
    entry.amountFen, entry.reservedChangeFen, entry.balanceAfterFen, entry.reservedAfterFen, entry.pool, entry.grantId, entry.programmeId,
    entry.reference, entry.counterpart, entry.description,
  ];
}

/**
 * Funds and their ledgers, aid programmes, aid grants and approval thresholds. Each fund event becomes one ledger
 * line, computed by `nextLedgerEntry` from where the fund stood (kept on the fund's row) — the same function the
 * auditors' replay folds over the stream. Every row remembers the revision of the last event of its stream it
 * reflects, and a change applies only to a row older than the event, so re-applying an event changes nothing.
 * Of a recipient's personal data only a worker's name is kept (opened from the sealed proposal), and it is emptied
 * when the person is erased; replaying the log after an erasure yields the same rows, since nothing sealed opens.
 */
@Injectable()
export class FundsProjection implements Projection {
  readonly name = 'funds';
  readonly tables: readonly string[] = ['funds', 'fund_ledger', 'aid_programmes', 'aid_grants', 'aid_policies'];
  readonly eventTypes: readonly string[] = [
    ...FUND_EVENT_TYPES,
    ...PROGRAMME_EVENT_TYPES,
    ...GRANT_EVENT_TYPES,
    'AidApprovalThresholdSet',
    'PersonalDataErased',
  ];

  constructor(private readonly vault: PersonalDataVault) {}

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    if (FUND_TYPES.has(recorded.type)) return this.applyToFund(recorded, sql);
    const event = { type: recorded.type, data: recorded.data } as unknown as FundsReadEvent;
    const revision = recorded.revision.toString();
    const { occurredAt: at, eventId, actor } = recorded.metadata;
    /** Updates the grant's row unless it already reflects this event or a later one, and lists the event behind it. */
    const updateGrant = (grantId: string, set: string, values: unknown[]) =>
      sql.write(
        `UPDATE aid_grants SET ${set}, events = events || $3::jsonb, revision = $2, updated_at = $4
          WHERE id = $1::uuid AND revision < $2::bigint`,
        [grantId, revision, JSON.stringify([eventBehind(recorded)]), at, ...values],
      );
    switch (event.type) {
      case 'AidProgrammeEstablished': {
        const { programmeId, unitId, year, kind, name, householdCapFen, oneGrantPerHousehold, eligibility, opensOn, closesOn } = event.data;
        sql.write(
          `INSERT INTO aid_programmes (id, unit_id, year, kind, name, household_cap_fen, one_grant_per_household, eligibility,
             opens_on, closes_on, status, established_event_id, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, 'open', $11, $12, $13)
           ON CONFLICT (id) DO NOTHING`,
          [programmeId, unitId, year, kind, name, householdCapFen, oneGrantPerHousehold, JSON.stringify(eligibility), opensOn, closesOn, eventId, revision, at],
        );
        return;
      }
      case 'AidProgrammeClosed':
        sql.write(
          `UPDATE aid_programmes SET status = 'closed', closed_on = $3, revision = $2, updated_at = $4
            WHERE id = $1::uuid AND revision < $2::bigint`,
          [event.data.programmeId, revision, event.data.closedOn, at],
        );
        return;
      case 'AidProposed':
        return this.proposed(event, recorded, sql);
      case 'AidGranted': {
        const { grantId, approval, approvedBy, approvedOn, pool } = event.data;
        updateGrant(
          grantId,
          `status = 'granted', approval = $5, approved_by = $6, approved_on = $7, approved_at = $4, approved_event_id = $8, pool = $9`,
          [approval, approvedBy, approvedOn, eventId, pool],
        );
        return;
      }
      case 'AidProposalRejected':
        updateGrant(event.data.grantId, `status = 'rejected', rejection_reason = $5, rejected_on = $6, rejected_event_id = $7`, [
          event.data.reason,
          event.data.rejectedOn,
          eventId,
        ]);
        return;
      case 'AidDisbursed': {
        const { grantId, method, receiptReference, paidOn, inKindDescription } = event.data;
        updateGrant(
          grantId,
          `status = 'disbursed', paid_on = $5, method = $6, receipt_reference = $7, in_kind_description = $8, disbursed_by = $9,
           disbursed_at = $4, disbursed_event_id = $10, disbursed_position = $11`,
          [paidOn, method, receiptReference, inKindDescription, actor, eventId, formatPosition(recorded.position)],
        );
        return;
      }
      case 'AidRevoked':
        updateGrant(event.data.grantId, `status = 'revoked', revocation_reason = $5, revoked_on = $6, revoked_event_id = $7`, [
          event.data.reason,
          event.data.revokedOn,
          eventId,
        ]);
        return;
      case 'AidDisbursementReversed':
        updateGrant(event.data.grantId, `status = 'reversed', reversal_reason = $5, reversed_on = $6, reversed_event_id = $7`, [
          event.data.reason,
          event.data.reversedOn,
          eventId,
        ]);
        return;
      case 'AidApprovalThresholdSet':
        sql.write(
          `INSERT INTO aid_policies (unit_id, threshold_fen, set_by, set_at, event_id, revision)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (unit_id) DO UPDATE
             SET threshold_fen = EXCLUDED.threshold_fen, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at,
                 event_id = EXCLUDED.event_id, revision = EXCLUDED.revision
           WHERE aid_policies.revision < EXCLUDED.revision`,
          [event.data.unitId, event.data.thresholdFen, actor, at, eventId, revision],
        );
        return;
      case 'PersonalDataErased':
        sql.write(`UPDATE aid_grants SET recipient_name = NULL, personal_data_erased = true WHERE person_id = $1::uuid`, [
          event.data.personId,
        ]);
        return;
      default:
        return assertNever(event, 'funds event');
    }
  }

  private async proposed({ data }: AidProposed, recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const { recipient } = data;
    // Only a worker without a file has their name sealed in the proposal; a household's name is the register's.
    const worker = recipient.kind === 'worker' ? await this.vault.open<RecipientPersonalData>(recipient.worker) : undefined;
    sql.write(
      `INSERT INTO aid_grants (id, unit_id, programme_id, programme_kind, fund_id, recipient_kind, file_id, person_id, recipient_name,
         personal_data_erased, household_key, amount_fen, threshold_fen, admission_level, admission_school, status, proposed_by, proposed_on,
         proposed_at, proposed_event_id, events, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'proposed', $16, $17, $18, $19, $20::jsonb, $21, $18)
       ON CONFLICT (id) DO NOTHING`,
      [
        data.grantId,
        data.unitId,
        data.programmeId,
        data.programmeKind,
        data.fundId,
        recipient.kind,
        recipient.kind === 'hardship_file' ? recipient.fileId : null,
        recipient.personId,
        worker?.name ?? null,
        worker === null,
        data.householdKey,
        data.amountFen,
        data.thresholdFen,
        data.admission?.level ?? null,
        data.admission?.school ?? null,
        data.proposedBy,
        data.proposedOn,
        recorded.metadata.occurredAt,
        recorded.metadata.eventId,
        JSON.stringify([eventBehind(recorded)]),
        recorded.revision.toString(),
      ],
    );
  }

  private async applyToFund(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const fundId = String(recorded.data.fundId);
    const revision = Number(recorded.revision);
    let state: LedgerState;
    if (recorded.type === 'FundOpened') {
      const { unitId, source, name, openedOn } = recorded.data as unknown as FundOpened['data'];
      const inserted: unknown[] = await sql.query(
        `INSERT INTO funds (id, unit_id, source, name, opened_on, pools, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5, '{}'::jsonb, -1, $6)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [fundId, unitId, source, name, openedOn, recorded.metadata.occurredAt],
      );
      if (inserted.length === 0) return;
      state = EMPTY_LEDGER;
    } else {
      const [row]: { balance_fen: string; reserved_fen: string; pools: Record<string, { balanceFen: Fen; reservedFen: Fen }>; revision: string }[] =
        await sql.query(`SELECT balance_fen::text, reserved_fen::text, pools, revision::text FROM funds WHERE id = $1::uuid FOR UPDATE`, [fundId]);
      if (!row || Number(row.revision) >= revision) return;
      state = { balanceFen: Number(row.balance_fen) as Fen, reservedFen: Number(row.reserved_fen) as Fen, pools: row.pools };
    }
    const next = nextLedgerEntry(state, recorded);
    sql.write(
      `INSERT INTO fund_ledger (${LEDGER_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (fund_id, revision) DO NOTHING`,
      ledgerValues(next.entry),
    );
    sql.write(
      `UPDATE funds SET balance_fen = $2, reserved_fen = $3, pools = $4::jsonb, revision = $5, updated_at = $6
        WHERE id = $1::uuid AND revision < $5::bigint`,
      [fundId, next.state.balanceFen, next.state.reservedFen, JSON.stringify(next.state.pools), revision, recorded.metadata.occurredAt],
    );
  }
}
