import type { Fen } from '#shared-kernel';
import type { EntityManager } from 'typeorm';
import type { EventBehind } from '../read-model/funds.projection.js';

export const GRANT_STATUSES = ['proposed', 'granted', 'disbursed', 'rejected', 'revoked', 'reversed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export interface UserRef {
  userId: string;
  /** From the accounts read model; null for a system actor or an account not (yet) listed. */
  displayName: string | null;
}

/** A ledger line of a fund that this grant caused: its reservation, release, payment or reversal. */
export interface FundEventBehind {
  fundId: string;
  eventId: string;
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  actor: string;
  amountFen: Fen;
  reservedChangeFen: Fen;
}

/** A grant with its whole chain: proposal, approval, payment with receipt, and how it ended; and the events behind each step. */
export interface GrantView {
  id: string;
  status: GrantStatus;
  unitId: string;
  unitName: string | null;
  programme: { id: string; name: string | null; kind: string };
  fund: { id: string; name: string | null };
  amountFen: Fen;
  pool: string | null;
  recipient: {
    kind: 'hardship_file' | 'worker';
    fileId: string | null;
    personId: string;
    /** For display only: the register's name for a household, the worker's own otherwise; null once erased. */
    name: string | null;
    personalDataErased: boolean;
  };
  admission: { level: string; school: string | null } | null;
  thresholdFen: Fen;
  proposal: { by: UserRef; on: string; at: string; eventId: string };
  approval: { kind: 'within_threshold' | 'supervisor'; by: UserRef | null; on: string; at: string; eventId: string } | null;
  rejection: { reason: string; on: string; eventId: string } | null;
  disbursement: {
    paidOn: string;
    method: string;
    receiptReference: string;
    inKindDescription: string | null;
    by: UserRef;
    at: string;
    eventId: string;
    position: string;
  } | null;
  revocation: { reason: string; on: string; eventId: string } | null;
  reversal: { reason: string; on: string; eventId: string } | null;
  /** The grant stream's events, oldest first. */
  events: EventBehind[];
  /** The fund's ledger lines for this grant, oldest first. */
  fundEvents: FundEventBehind[];
  revision: number;
}

const date = (column: string, alias: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${alias}`;

export const GRANT_COLUMNS = `
  g.id, g.status, g.unit_id, u.name AS unit_name, g.programme_id, p.name AS programme_name, g.programme_kind, g.fund_id, f.name AS fund_name,
  g.amount_fen::text, g.pool, g.recipient_kind, g.file_id, g.person_id,
  CASE WHEN g.recipient_kind = 'hardship_file' THEN hf.name ELSE g.recipient_name END AS recipient_name,
  (g.personal_data_erased OR coalesce(hf.personal_data_erased, false)) AS personal_data_erased,
  g.admission_level, g.admission_school, g.threshold_fen::text,
  g.proposed_by, proposer.display_name AS proposed_by_name, ${date('g.proposed_on', 'proposed_on')}, g.proposed_at, g.proposed_event_id,
  g.approval, g.approved_by, approver.display_name AS approved_by_name, ${date('g.approved_on', 'approved_on')}, g.approved_at, g.approved_event_id,
  g.rejection_reason, ${date('g.rejected_on', 'rejected_on')}, g.rejected_event_id,
  ${date('g.paid_on', 'paid_on')}, g.method, g.receipt_reference, g.in_kind_description, g.disbursed_by, payer.display_name AS disbursed_by_name,
  g.disbursed_at, g.disbursed_event_id, g.disbursed_position,
  g.revocation_reason, ${date('g.revoked_on', 'revoked_on')}, g.revoked_event_id,
  g.reversal_reason, ${date('g.reversed_on', 'reversed_on')}, g.reversed_event_id,
  g.events, g.revision::text`;

// A household's name is the hardship register's (emptied there when the person is erased), never copied here.
export const GRANT_FROM = `read_model.aid_grants g
  LEFT JOIN read_model.units u ON u.id = g.unit_id
  LEFT JOIN read_model.aid_programmes p ON p.id = g.programme_id
  LEFT JOIN read_model.funds f ON f.id = g.fund_id
  LEFT JOIN read_model.hardship_files hf ON hf.id = g.file_id
  LEFT JOIN read_model.accounts proposer ON proposer.id::text = g.proposed_by
  LEFT JOIN read_model.accounts approver ON approver.id::text = g.approved_by
  LEFT JOIN read_model.accounts payer ON payer.id::text = g.disbursed_by`;

export interface GrantRow {
  id: string;
  status: GrantStatus;
  unit_id: string;
  unit_name: string | null;
  programme_id: string;
  programme_name: string | null;
  programme_kind: string;
  fund_id: string;
  fund_name: string | null;
  amount_fen: string;
  pool: string | null;
  recipient_kind: 'hardship_file' | 'worker';
  file_id: string | null;
  person_id: string;
  recipient_name: string | null;
  personal_data_erased: boolean;
  admission_level: string | null;
  admission_school: string | null;
  threshold_fen: string;
  proposed_by: string;
  proposed_by_name: string | null;
  proposed_on: string;
  proposed_at: Date;
  proposed_event_id: string;
  approval: 'within_threshold' | 'supervisor' | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_on: string | null;
  approved_at: Date | null;
  approved_event_id: string | null;
  rejection_reason: string | null;
  rejected_on: string | null;
  rejected_event_id: string | null;
  paid_on: string | null;
  method: string | null;
  receipt_reference: string | null;
  in_kind_description: string | null;
  disbursed_by: string | null;
  disbursed_by_name: string | null;
  disbursed_at: Date | null;
  disbursed_event_id: string | null;
  disbursed_position: string | null;
  revocation_reason: string | null;
  revoked_on: string | null;
  revoked_event_id: string | null;
  reversal_reason: string | null;
  reversed_on: string | null;
  reversed_event_id: string | null;
  events: EventBehind[];
  revision: string;
}

const iso = (value: Date | null): string => (value ? new Date(value).toISOString() : '');

export function toGrantView(row: GrantRow, fundEvents: FundEventBehind[]): GrantView {
  return {
    id: row.id,
    status: row.status,
    unitId: row.unit_id,
    unitName: row.unit_name,
    programme: { id: row.programme_id, name: row.programme_name, kind: row.programme_kind },
    fund: { id: row.fund_id, name: row.fund_name },
    amountFen: Number(row.amount_fen) as Fen,
    pool: row.pool,
    recipient: {
      kind: row.recipient_kind,
      fileId: row.file_id,
      personId: row.person_id,
      name: row.personal_data_erased ? null : row.recipient_name,
      personalDataErased: row.personal_data_erased,
    },
    admission: row.admission_level ? { level: row.admission_level, school: row.admission_school } : null,
    thresholdFen: Number(row.threshold_fen) as Fen,
    proposal: { by: { userId: row.proposed_by, displayName: row.proposed_by_name }, on: row.proposed_on, at: iso(row.proposed_at), eventId: row.proposed_event_id },
    approval:
      row.approval && row.approved_event_id
        ? {
            kind: row.approval,
            by: row.approved_by ? { userId: row.approved_by, displayName: row.approved_by_name } : null,
            on: row.approved_on ?? '',
            at: iso(row.approved_at),
            eventId: row.approved_event_id,
          }
        : null,
    rejection: row.rejected_event_id ? { reason: row.rejection_reason ?? '', on: row.rejected_on ?? '', eventId: row.rejected_event_id } : null,
    disbursement: row.disbursed_event_id
      ? {
          paidOn: row.paid_on ?? '',
          method: row.method ?? '',
          receiptReference: row.receipt_reference ?? '',
          inKindDescription: row.in_kind_description,
          by: { userId: row.disbursed_by ?? '', displayName: row.disbursed_by_name },
          at: iso(row.disbursed_at),
          eventId: row.disbursed_event_id,
          position: row.disbursed_position ?? '',
        }
      : null,
    revocation: row.revoked_event_id ? { reason: row.revocation_reason ?? '', on: row.revoked_on ?? '', eventId: row.revoked_event_id } : null,
    reversal: row.reversed_event_id ? { reason: row.reversal_reason ?? '', on: row.reversed_on ?? '', eventId: row.reversed_event_id } : null,
    events: row.events,
    fundEvents,
    revision: Number(row.revision),
  };
}

/** The fund ledger lines behind each of these grants, by grant id. */
export async function fundEventsOf(manager: EntityManager, grantIds: readonly string[]): Promise<Map<string, FundEventBehind[]>> {
  const byGrant = new Map<string, FundEventBehind[]>(grantIds.map((id) => [id, []]));
  if (grantIds.length === 0) return byGrant;
  const rows: {
    grant_id: string;
    fund_id: string;
    event_id: string;
    event_type: string;
    revision: string;
    position: string;
    occurred_at: Date;
    actor: string;
    amount_fen: string;
    reserved_change_fen: string;
  }[] = await manager.query(
    `SELECT grant_id, fund_id, event_id, event_type, revision::text, position, occurred_at, actor, amount_fen::text, reserved_change_fen::text
       FROM read_model.fund_ledger WHERE grant_id = ANY($1::uuid[]) ORDER BY fund_id, revision`,
    [grantIds],
  );
  for (const row of rows) {
    byGrant.get(row.grant_id)?.push({
      fundId: row.fund_id,
      eventId: row.event_id,
      type: row.event_type,
      revision: Number(row.revision),
      position: row.position,
      occurredAt: new Date(row.occurred_at).toISOString(),
      actor: row.actor,
      amountFen: Number(row.amount_fen) as Fen,
      reservedChangeFen: Number(row.reserved_change_fen) as Fen,
    });
  }
  return byGrant;
}

/** Grants matching `where`, with their fund events: one page of them, in the given order. */
export async function selectGrants(
  manager: EntityManager,
  where: string,
  params: unknown[],
  orderBy: string,
  paging: { page: number; pageSize: number } | null,
): Promise<{ items: GrantView[]; total: number }> {
  const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM read_model.aid_grants g WHERE ${where}`, params);
  const limit = paging ? `LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}` : '';
  const rows: GrantRow[] = await manager.query(`SELECT ${GRANT_COLUMNS} FROM ${GRANT_FROM} WHERE ${where} ORDER BY ${orderBy} ${limit}`, params);
  const fundEvents = await fundEventsOf(manager, rows.map((row) => row.id));
  return { items: rows.map((row) => toGrantView(row, fundEvents.get(row.id) ?? [])), total };
}
