import type { RecordedEvent } from '#event-store';
import type { Projection } from '#projections';
import { assertNever } from '#shared-kernel';
import type { EntityManager } from 'typeorm';
import { WAGE_TALKS_EVENT_TYPES, type WageTalksEvent } from '../wage-talks.decider.js';
import { WageTalksEnterpriseRow, WageTalksRow } from './bargaining.entities.js';

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
  readonly eventTypes: readonly string[] = WAGE_TALKS_EVENT_TYPES;

  async apply(recorded: RecordedEvent, manager: EntityManager): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as unknown as WageTalksEvent;
    const talksId = event.data.talksId;
    const current = await manager.findOne(WageTalksRow, { where: { id: talksId } });
    if (current && BigInt(current.revision) >= recorded.revision) return;
    const row = evolveTalksRow(current, event, recorded.revision, new Date(recorded.metadata.occurredAt));
    if (!row) return;
    await manager.save(WageTalksRow, row);
    if (event.type === 'WageTalksOpened') {
      await manager
        .createQueryBuilder()
        .insert()
        .into(WageTalksEnterpriseRow)
        .values(event.data.coveredEnterpriseIds.map((enterpriseId) => ({ talksId, enterpriseId })))
        .orIgnore()
        .execute();
    }
    await manager.query(
      `INSERT INTO read_model.wage_talks_steps (talks_id, revision, type, occurred_on, data, actor, recorded_at)
       VALUES ($1::uuid, $2::bigint, $3, $4::date, $5::jsonb, $6, $7::timestamptz) ON CONFLICT DO NOTHING`,
      [talksId, recorded.revision.toString(), event.type, stepDate(event), JSON.stringify(recorded.data), recorded.metadata.actor, recorded.metadata.occurredAt],
    );
  }
}
