import type { RecordedEvent } from '#event-store';
import type { Projection, ProjectionSql } from '#projections';
import { assertNever } from '#shared-kernel';
import { WAGE_TALKS_EVENT_TYPES, type WageTalksEvent } from '../wage-talks.decider.js';
import { WageTalksRow } from './bargaining.entities.js';

/** The talks row after one event: pure, so the row is the fold of its stream's events. */
export function evolveTalksRow(row: WageTalksRow | null, event: WageTalksEvent, revision: bigint, at: Date): WageTalksRow | null {
  const stamp = { revision: revision.toString(), updatedAt: at };
  if (event.type === 'WageTalksOpened') {
    const data = event.data;
    return Object.assign(new WageTalksRow(), {
      id: data.talksId,
      unitId: data.unitId,
      scope: data.scope,
      initiatingUnionId: data.initiatingUnionId,
      topics: [...data.topics],
      offerDate: data.offerDate,
      stage: 'offered',
      coveredEnterpriseCount: data.coveredEnterpriseIds.length,
      renewsTalksId: data.renewsTalksId,
      renewedByTalksId: null,
      employerDecision: null,
      respondedOn: null,
      rectificationIssuedOn: null,
      rectificationRespondBy: null,
      roundsHeld: 0,
      signedOn: null,
      termYears: null,
      wageGrowthBasisPoints: null,
      minimumMonthlyWageFen: null,
      otherTerms: null,
      adoptedOn: null,
      filedOn: null,
      bureau: null,
      approvedOn: null,
      withdrawnOn: null,
      openedAt: at,
      ...stamp,
    });
  }
  if (!row) return null;
  const next = (changes: Partial<WageTalksRow>) => Object.assign(new WageTalksRow(), row, changes, stamp);
  switch (event.type) {
    case 'EmployerResponded':
      return next({ stage: event.data.decision, employerDecision: event.data.decision, respondedOn: event.data.respondedOn });
    case 'RectificationOpinionIssued':
      return next({
        stage: 'rectification_issued',
        rectificationIssuedOn: event.data.issuedOn,
        rectificationRespondBy: event.data.respondBy,
      });
    case 'NegotiationRoundHeld':
      return next({ stage: 'negotiating', roundsHeld: event.data.round });
    case 'AgreementSigned':
      return next({
        stage: 'agreed',
        signedOn: event.data.signedOn,
        termYears: event.data.termYears,
        wageGrowthBasisPoints: event.data.wageGrowthBasisPoints,
        minimumMonthlyWageFen: event.data.minimumMonthlyWageFen === null ? null : String(event.data.minimumMonthlyWageFen),
        otherTerms: event.data.otherTerms,
      });
    case 'AgreementAdopted':
      return next({ stage: 'adopted', adoptedOn: event.data.adoptedOn });
    case 'AgreementFiled':
      return next({ stage: 'filed', filedOn: event.data.filedOn, bureau: event.data.bureau });
    case 'AgreementApproved':
      return next({ stage: 'approved', approvedOn: event.data.approvedOn });
    case 'AgreementObjected':
      // The objected agreement stays in the steps; the row shows the talks back at the table.
      return next({
        stage: 'negotiating',
        signedOn: null,
        termYears: null,
        wageGrowthBasisPoints: null,
        minimumMonthlyWageFen: null,
        otherTerms: null,
        adoptedOn: null,
        filedOn: null,
        bureau: null,
      });
    case 'WageTalksWithdrawn':
      return next({ stage: 'withdrawn', withdrawnOn: event.data.withdrawnOn });
    case 'AgreementRenewalRequested':
      return next({ renewedByTalksId: event.data.renewalTalksId });
    default:
      return assertNever(event, 'wage talks event');
  }
}

/** The date a step happened on, as the event records it. */
export function stepDate(event: WageTalksEvent): string {
  switch (event.type) {
    case 'WageTalksOpened':
      return event.data.offerDate;
    case 'EmployerResponded':
      return event.data.respondedOn;
    case 'RectificationOpinionIssued':
      return event.data.issuedOn;
    case 'NegotiationRoundHeld':
      return event.data.heldOn;
    case 'AgreementSigned':
      return event.data.signedOn;
    case 'AgreementAdopted':
      return event.data.adoptedOn;
    case 'AgreementFiled':
      return event.data.filedOn;
    case 'AgreementApproved':
      return event.data.approvedOn;
    case 'AgreementObjected':
      return event.data.objectedOn;
    case 'WageTalksWithdrawn':
      return event.data.withdrawnOn;
    case 'AgreementRenewalRequested':
      return event.data.requestedOn;
    default:
      return assertNever(event, 'wage talks event');
  }
}

/**
 * Wage talks as the lists, details, overdue lists and coverage figures read them. Idempotent by position twice
 * over: the projector applies only events past the checkpoint it moves in the same transaction, and a row
 * already at (or past) an event's revision is left alone, so replaying an event changes nothing.
 */
export class BargainingProjection implements Projection {
  readonly name = 'bargaining';
  readonly tables: readonly string[] = ['wage_talks', 'wage_talks_enterprises', 'wage_talks_steps'];
  readonly eventTypes: readonly string[] = WAGE_TALKS_EVENT_TYPES;

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as WageTalksEvent;
    const talksId = event.data.talksId;
    const current = await readTalksRow(sql, talksId);
    if (current && BigInt(current.revision) >= recorded.revision) return;
    const row = evolveTalksRow(current, event, recorded.revision, new Date(recorded.metadata.occurredAt));
    if (!row) return;
    await saveTalksRow(sql, row);
    if (event.type === 'WageTalksOpened' && event.data.coveredEnterpriseIds.length) {
      sql.write(
        `INSERT INTO wage_talks_enterprises (talks_id, enterprise_id) SELECT $1::uuid, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [talksId, event.data.coveredEnterpriseIds],
      );
    }
    sql.write(
      `INSERT INTO wage_talks_steps (talks_id, revision, type, occurred_on, data, actor, recorded_at)
       VALUES ($1::uuid, $2::bigint, $3, $4::date, $5::jsonb, $6, $7::timestamptz) ON CONFLICT DO NOTHING`,
      [talksId, recorded.revision.toString(), event.type, stepDate(event), JSON.stringify(recorded.data), recorded.metadata.actor, recorded.metadata.occurredAt],
    );
  }
}

/**
 * The wage_talks columns and the row's properties, in one order. Written and read with raw SQL on the unqualified
 * table (a rebuild fills its copy), dates as text and bigints as strings, as the entity reads them.
 */
const TALKS_COLUMNS: readonly (readonly [column: string, property: keyof WageTalksRow, cast: string])[] = [
  ['id', 'id', 'uuid'],
  ['unit_id', 'unitId', 'uuid'],
  ['scope', 'scope', 'text'],
  ['initiating_union_id', 'initiatingUnionId', 'uuid'],
  ['topics', 'topics', 'text[]'],
  ['offer_date', 'offerDate', 'date'],
  ['stage', 'stage', 'text'],
  ['covered_enterprise_count', 'coveredEnterpriseCount', 'integer'],
  ['renews_talks_id', 'renewsTalksId', 'uuid'],
  ['renewed_by_talks_id', 'renewedByTalksId', 'uuid'],
  ['employer_decision', 'employerDecision', 'text'],
  ['responded_on', 'respondedOn', 'date'],
  ['rectification_issued_on', 'rectificationIssuedOn', 'date'],
  ['rectification_respond_by', 'rectificationRespondBy', 'date'],
  ['rounds_held', 'roundsHeld', 'integer'],
  ['signed_on', 'signedOn', 'date'],
  ['term_years', 'termYears', 'integer'],
  ['wage_growth_basis_points', 'wageGrowthBasisPoints', 'integer'],
  ['minimum_monthly_wage_fen', 'minimumMonthlyWageFen', 'bigint'],
  ['other_terms', 'otherTerms', 'text'],
  ['adopted_on', 'adoptedOn', 'date'],
  ['filed_on', 'filedOn', 'date'],
  ['bureau', 'bureau', 'text'],
  ['approved_on', 'approvedOn', 'date'],
  ['withdrawn_on', 'withdrawnOn', 'date'],
  ['revision', 'revision', 'bigint'],
  ['opened_at', 'openedAt', 'timestamptz'],
  ['updated_at', 'updatedAt', 'timestamptz'],
];

/** Selected as text: dates as written, bigints as strings; timestamps come back as Dates. */
const asRead = (column: string, cast: string) => (cast === 'date' || cast === 'bigint' ? `${column}::text AS "${column}"` : column);

async function readTalksRow(sql: ProjectionSql, talksId: string): Promise<WageTalksRow | null> {
  const [found]: Record<string, unknown>[] = await sql.query(
    `SELECT ${TALKS_COLUMNS.map(([column, , cast]) => asRead(column, cast)).join(', ')} FROM wage_talks WHERE id = $1::uuid`,
    [talksId],
  );
  if (!found) return null;
  const row = new WageTalksRow();
  for (const [column, property] of TALKS_COLUMNS) (row as unknown as Record<string, unknown>)[property] = found[column];
  return row;
}

async function saveTalksRow(sql: ProjectionSql, row: WageTalksRow): Promise<void> {
  const columns = TALKS_COLUMNS.map(([column]) => column);
  sql.write(
    `INSERT INTO wage_talks (${columns.join(', ')})
     VALUES (${TALKS_COLUMNS.map(([, , cast], index) => `$${index + 1}::${cast}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${columns.slice(1).map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`,
    TALKS_COLUMNS.map(([, property]) => row[property] ?? null),
  );
}
