import fc from 'fast-check';
import { DomainError, shanghaiDate, type DomainEvent, type Fen } from '#shared-kernel';
import { decideAid, evolveAidGrant, householdAidEvolution, type AidGrantState, type HouseholdAidState, type Recipient } from '../aid-grant.decider.js';
import type { AidProgrammeEstablished, EstablishedProgramme } from '../aid-programme.decider.js';
import { decideFund, evolveFund, type FundCommand, type FundEvent, type FundState } from '../fund.decider.js';
import { aidGrantStreamName, aidProgrammeStreamName, fundStreamName, householdAidStreamName } from '../funds.streams.js';
import type { DisbursementMethod, FundSource, Sealed } from '../funds.vocabulary.js';

/**
 * Random but lawful histories of two funds of one unit and the grants paid from them, made by the deciders
 * themselves, so every invariant they keep (never below zero, restricted money for its purpose, steps in order)
 * holds. Tests append the result straight to an event store, or fold it without one.
 */
export type HistoryStep =
  | { kind: 'money_in'; fund: number; amountFen: number; restriction: 'none' | 'programme' | 'purpose' }
  | { kind: 'transfer'; from: number; amountFen: number }
  | { kind: 'propose'; fund: number; recipient: number; amountFen: number }
  | { kind: 'approve' | 'reject' | 'revoke' | 'reverse'; pick: number }
  | { kind: 'disburse'; pick: number; method: DisbursementMethod };

const amount = fc.integer({ min: 1, max: 5_000_000 });
const pick = fc.nat(1000);

export const historyStep: fc.Arbitrary<HistoryStep> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('money_in' as const), fund: fc.nat(1), amountFen: amount, restriction: fc.constantFrom('none' as const, 'none' as const, 'programme' as const, 'purpose' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), from: fc.nat(1), amountFen: amount }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('propose' as const), fund: fc.nat(1), recipient: fc.nat(3), amountFen: fc.integer({ min: 1, max: 800_000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('disburse' as const), pick, method: fc.constantFrom<DisbursementMethod>('cash', 'bank_transfer', 'in_kind') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick }) },
);

/** Minutes between one decision and the next: from moments to a few days, so as-of dates fall between them. */
export const historyGaps = fc.integer({ min: 1, max: 4000 });

export interface HistorySetup {
  unitId: string;
  /** The first fund takes donations, the second allocations. */
  fundIds: [string, string];
  programmeId: string;
  start: Date;
  caseworker: string;
  supervisor: string;
  recipients: Recipient[];
  reason: Sealed;
  thresholdFen: Fen;
  newId: () => string;
}

/** One decision: the events it appends to each stream, all at once, when, and by whom. */
export interface HistoryDecision {
  occurredAt: string;
  actor: string;
  appends: { streamName: string; events: DomainEvent[] }[];
}

export function simulateFundHistory(setup: HistorySetup, steps: readonly { step: HistoryStep; gapMinutes: number }[]): HistoryDecision[] {
  const decisions: HistoryDecision[] = [];
  let now = setup.start.getTime();
  const today = () => shanghaiDate(new Date(now));
  const funds = new Map<string, FundState>(setup.fundIds.map((id) => [id, { status: 'none' }]));
  const grants = new Map<string, AidGrantState>();
  const households = new Map<string, HouseholdAidState>();
  const grantIds: string[] = [];
  const programmeData: AidProgrammeEstablished['data'] = {
    programmeId: setup.programmeId,
    unitId: setup.unitId,
    year: 2026,
    kind: 'golden_autumn_education',
    name: '2026年金秋助学',
    householdCapFen: 1_000_000_000 as Fen,
    oneGrantPerHousehold: false,
    eligibility: { recipients: ['hardship_file', 'worker'], tiers: [], admissionLevels: [] },
    opensOn: '2026-01-01',
    closesOn: '2026-12-31',
  };
  const programme: EstablishedProgramme = { ...programmeData, status: 'open' };
  const record = (actor: string, appends: HistoryDecision['appends']) => {
    const nonEmpty = appends.filter((append) => append.events.length > 0);
    if (nonEmpty.length) decisions.push({ occurredAt: new Date(now).toISOString(), actor, appends: nonEmpty });
  };
  const fundDecides = (fundId: string, command: FundCommand): FundEvent[] => {
    const events = decideFund(command, funds.get(fundId)!);
    funds.set(fundId, events.reduce(evolveFund, funds.get(fundId)!));
    return events;
  };
  const sources: FundSource[] = ['social_donations', 'government_allocation'];
  record(setup.supervisor, [
    { streamName: aidProgrammeStreamName(setup.programmeId), events: [{ type: 'AidProgrammeEstablished', data: programmeData }] },
    ...setup.fundIds.map((fundId, index) => ({
      streamName: fundStreamName(fundId),
      events: fundDecides(fundId, { type: 'OpenFund', data: { fundId, unitId: setup.unitId, source: sources[index], name: index === 0 ? '社会捐助帮扶资金' : '财政专项帮扶资金', openedOn: today() } }),
    })),
  ]);

  for (const { step, gapMinutes } of steps) {
    now += gapMinutes * 60_000;
    try {
      switch (step.kind) {
        case 'money_in': {
          const fundId = setup.fundIds[step.fund];
          const amountFen = step.amountFen as Fen;
          const command: FundCommand =
            step.fund === 0
              ? {
                  type: 'ReceiveDonation',
                  data: {
                    fundId,
                    donationId: setup.newId(),
                    donor: '临汾市某实业有限公司',
                    amountFen,
                    receivedOn: today(),
                    restriction: step.restriction === 'none' ? null : step.restriction === 'programme' ? { programmeId: setup.programmeId } : { programmeKind: 'golden_autumn_education' },
                  },
                }
              : { type: 'AllocateFunds', data: { fundId, allocationId: setup.newId(), amountFen, reference: `临财社〔2026〕${step.amountFen % 100}号`, receivedOn: today() } };
          record(setup.caseworker, [{ streamName: fundStreamName(fundId), events: fundDecides(fundId, command) }]);
          break;
        }
        case 'transfer': {
          const [fromId, toId] = step.from === 0 ? setup.fundIds : [setup.fundIds[1], setup.fundIds[0]];
          const data = { transferId: setup.newId(), amountFen: step.amountFen as Fen, reason: '调剂使用', transferredOn: today() };
          const out = fundDecides(fromId, { type: 'TransferOut', data: { ...data, fundId: fromId, toFundId: toId }, toUnitId: setup.unitId });
          const into = fundDecides(toId, { type: 'TransferIn', data: { ...data, fundId: toId, fromFundId: fromId } });
          record(setup.caseworker, [
            { streamName: fundStreamName(fromId), events: out },
            { streamName: fundStreamName(toId), events: into },
          ]);
          break;
        }
        case 'propose': {
          const grantId = setup.newId();
          const recipient = setup.recipients[step.recipient % setup.recipients.length];
          const householdKey = recipient.kind === 'hardship_file' ? recipient.fileId : recipient.personId;
          const fundId = setup.fundIds[step.fund];
          decide(grantId, fundId, householdKey, setup.caseworker, {
            type: 'ProposeAid',
            data: {
              grantId,
              programmeId: setup.programmeId,
              programmeKind: 'golden_autumn_education',
              fundId,
              unitId: setup.unitId,
              recipient,
              householdKey,
              amountFen: step.amountFen as Fen,
              reason: setup.reason,
              admission: null,
              proposedOn: today(),
              proposedBy: setup.caseworker,
              thresholdFen: setup.thresholdFen,
              fileTier: recipient.kind === 'hardship_file' ? 'deep' : null,
              fileOnRegister: recipient.kind === 'hardship_file',
            },
          });
          grantIds.push(grantId);
          break;
        }
        default: {
          if (grantIds.length === 0) break;
          const grantId = grantIds[step.pick % grantIds.length];
          const grant = grants.get(grantId)!;
          if (grant.status === 'none') break;
          const reason = { reason: '核实后调整', today: today() };
          const command: Parameters<typeof decideAid>[0] =
            step.kind === 'disburse'
              ? {
                  type: 'DisburseAid',
                  data: {
                    method: step.method,
                    receiptReference: `SJ-${grantId.slice(0, 8)}`,
                    paidOn: today(),
                    inKindDescription: step.method === 'in_kind' ? '大米两袋、食用油一桶' : null,
                    today: today(),
                  },
                }
              : step.kind === 'approve'
                ? { type: 'ApproveAid', data: { approvedBy: setup.supervisor, today: today() } }
                : { type: step.kind === 'reject' ? 'RejectAid' : step.kind === 'revoke' ? 'RevokeAid' : 'ReverseAid', data: reason };
          const actor = step.kind === 'approve' || step.kind === 'reject' ? setup.supervisor : setup.caseworker;
          decide(grantId, grant.fundId, grant.householdKey, actor, command);
        }
      }
    } catch (error) {
      // A refusal (not enough money, a step out of order) appends nothing, as the write side would.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return decisions;

  function decide(grantId: string, fundId: string, householdKey: string, actor: string, command: Parameters<typeof decideAid>[0]): void {
    const householdStream = householdAidStreamName(setup.programmeId, householdKey);
    const world = {
      grant: grants.get(grantId) ?? { status: 'none' as const },
      fund: funds.get(fundId)!,
      household: households.get(householdStream) ?? householdAidEvolution.initialState(),
      programme,
    };
    const decision = decideAid(command, world);
    grants.set(grantId, decision.grant.reduce(evolveAidGrant, world.grant));
    funds.set(fundId, decision.fund.reduce(evolveFund, world.fund));
    households.set(householdStream, decision.household.reduce(householdAidEvolution.evolve, world.household));
    record(actor, [
      { streamName: aidGrantStreamName(grantId), events: decision.grant },
      { streamName: fundStreamName(fundId), events: decision.fund },
      { streamName: householdStream, events: decision.household },
    ]);
  }
}

/** The events of one stream, in order, across all decisions. */
export function streamEvents(decisions: readonly HistoryDecision[], streamName: string): { event: DomainEvent; occurredAt: string; actor: string }[] {
  return decisions.flatMap((decision) =>
    decision.appends.filter((append) => append.streamName === streamName).flatMap((append) => append.events.map((event) => ({ event, occurredAt: decision.occurredAt, actor: decision.actor }))),
  );
}
