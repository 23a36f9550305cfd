import { Injectable } from '@nestjs/common';
import { REVIEW_DAYS, type TalksScope, type WageTalksEvent } from '#bargaining';
import type { HardshipFileOpened } from '#casework';
import type { JobFairEvent, JobSeekerEvent } from '#employment';
import type { RecordedEvent } from '#event-store';
import type { AidGrantEvent } from '#funds';
import { NON_PUBLIC_OWNERSHIPS, type EnterpriseEvent, type Ownership, type UnionEvent } from '#organizing';
import type { Projection, ProjectionSql } from '#projections';
import { addDays, termEnd } from '#shared-kernel';
import type { FactKey, SubjectKind } from './statistic-fact.js';

// Unqualified: the projector's search_path points them at read_model, or at a rebuild's shadow copies.
const FACTS = 'statistic_facts';
const SUBJECTS = 'statistic_subjects';

type StatisticsSourceEvent = UnionEvent | EnterpriseEvent | WageTalksEvent | HardshipFileOpened | AidGrantEvent | JobSeekerEvent | JobFairEvent;

interface NewFact {
  metric: FactKey;
  unitId: string;
  occurredOn: string;
  validUntil?: string | null;
  quantity: number | bigint;
  subjectKind: SubjectKind;
  subjectId: string;
  distinctKey?: string | null;
  dimensions?: Record<string, string>;
}

interface EnterpriseMemory {
  unitId: string;
  ownership: Ownership;
}
interface Coverage {
  from: string;
  until: string;
}
interface TalksMemory {
  unitId: string;
  scope: TalksScope;
  enterpriseIds: string[];
  termYears: number | null;
  /** The span the agreement is counted in force for now, as the facts written so far say. */
  coverage: Coverage | null;
}
interface GrantMemory {
  unitId: string;
  householdKey: string;
  programme: string;
}
interface SeekerMemory {
  unitId: string;
  kind: string;
}
interface FairMemory {
  unitId: string;
  heldOn: string;
}

/**
 * Turns events from every context into `statistic_facts` rows, one per countable fact. Rows are keyed by
 * (event id, sequence within the event) and written with ON CONFLICT DO NOTHING, so applying an event twice writes
 * nothing new; the projector's checkpoint makes it exactly once besides. What a later event needs and does not
 * carry (the enterprise's unit for a coverage, the grant's programme for a payment) is kept in
 * `statistic_subjects`, written by this projection alone.
 *
 * Agreements in force are derived, as `/figures/bargaining` derives them: a filed agreement is in force from the
 * day after the bureau's 15 days unless it objected; an approval moves the start to its date. Each change of that
 * span is recorded when the event saying so is: the earlier span's rows are cancelled by negative rows and the
 * new span's written, so "as of" sees what was known then.
 */
@Injectable()
export class StatisticsProjection implements Projection {
  readonly name = 'statistics';
  /** The tables this projection writes, for a rebuild into a shadow schema. */
  readonly tables = ['statistic_facts', 'statistic_subjects'];
  readonly eventTypes: readonly string[] = [
    'UnionFounded',
    'EnterpriseRegistered',
    'EnterpriseUnionized',
    'WageTalksOpened',
    'AgreementSigned',
    'AgreementFiled',
    'AgreementApproved',
    'AgreementObjected',
    'WageTalksWithdrawn',
    'HardshipFileOpened',
    'AidProposed',
    'AidDisbursed',
    'AidDisbursementReversed',
    'JobSeekerRegistered',
    'JobSeekerReregistered',
    'TrainingCompleted',
    'WorkerRehired',
    'JobFairOrganised',
    'PositionOffered',
  ];

  async apply(recorded: RecordedEvent, sql: ProjectionSql): Promise<void> {
    const facts = await this.factsOf({ type: recorded.type, data: recorded.data } as unknown as StatisticsSourceEvent, sql);
    if (facts.length === 0) return;
    const values: unknown[] = [];
    const rows = facts.map((fact, seq) => {
      const base = values.length;
      values.push(
        recorded.metadata.eventId,
        seq,
        recorded.position.commit.toString(),
        fact.metric,
        fact.unitId,
        fact.occurredOn,
        fact.validUntil ?? null,
        recorded.metadata.occurredAt,
        fact.quantity.toString(),
        fact.subjectKind,
        fact.subjectId,
        fact.distinctKey ?? null,
        JSON.stringify(fact.dimensions ?? {}),
        recorded.type,
      );
      return `(${Array.from({ length: 14 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    sql.write(
      `INSERT INTO ${FACTS} (event_id, seq, position, metric, unit_id, occurred_on, valid_until, recorded_at, quantity,
                             subject_kind, subject_id, distinct_key, dimensions, event_type)
       VALUES ${rows.join(', ')} ON CONFLICT (event_id, seq) DO NOTHING`,
      values,
    );
  }

  private async factsOf(event: StatisticsSourceEvent, sql: ProjectionSql): Promise<NewFact[]> {
    const remember = (kind: string, id: string, data: object) => this.remember(sql, kind, id, data);
    const recall = <T>(kind: string, id: string) => this.recall<T>(sql, kind, id);
    switch (event.type) {
      case 'UnionFounded': {
        const { unionId, unitId, kind, foundedOn, coveredEnterpriseIds, initialMemberCount } = event.data;
        const union = { unitId, occurredOn: foundedOn, subjectKind: 'union' as const, subjectId: unionId, dimensions: { unionKind: kind } };
        return [
          { ...union, metric: 'unions_founded', quantity: 1 },
          { ...union, metric: 'enterprises_covered_by_new_unions', quantity: coveredEnterpriseIds.length },
          { ...union, metric: 'members_enrolled', quantity: initialMemberCount },
        ];
      }
      case 'EnterpriseRegistered': {
        const { enterpriseId, unitId, ownership, registeredOn } = event.data;
        await remember('enterprise', enterpriseId, { unitId, ownership } satisfies EnterpriseMemory);
        return [
          { metric: 'enterprise_registered', unitId, occurredOn: registeredOn, quantity: 1, ...enterpriseSubject(enterpriseId, ownership) },
        ];
      }
      case 'EnterpriseUnionized': {
        const { enterpriseId, since, unionKind } = event.data;
        const enterprise = await recall<EnterpriseMemory>('enterprise', enterpriseId);
        if (!enterprise) return [];
        const subject = enterpriseSubject(enterpriseId, enterprise.ownership);
        return [
          { metric: 'enterprise_unionized', unitId: enterprise.unitId, occurredOn: since, quantity: 1, ...subject, dimensions: { ...subject.dimensions, unionKind } },
        ];
      }
      case 'WageTalksOpened': {
        const { talksId, unitId, scope, coveredEnterpriseIds, offerDate } = event.data;
        await remember('talks', talksId, { unitId, scope, enterpriseIds: coveredEnterpriseIds, termYears: null, coverage: null } satisfies TalksMemory);
        return [{ metric: 'wage_talks_opened', unitId, occurredOn: offerDate, quantity: 1, subjectKind: 'wage_talks', subjectId: talksId, dimensions: { scope } }];
      }
      case 'AgreementSigned': {
        const talks = await recall<TalksMemory>('talks', event.data.talksId);
        if (talks) await remember('talks', event.data.talksId, { ...talks, termYears: event.data.termYears });
        return [];
      }
      case 'AgreementFiled':
        return this.changeCoverage(sql, event.data.talksId, (talks) =>
          talks.termYears === null ? null : span(addDays(event.data.filedOn, REVIEW_DAYS + 1), talks.termYears),
        );
      case 'AgreementApproved':
        return this.changeCoverage(sql, event.data.talksId, (talks) => (talks.termYears === null ? null : span(event.data.approvedOn, talks.termYears)));
      case 'AgreementObjected':
      case 'WageTalksWithdrawn':
        return this.changeCoverage(sql, event.data.talksId, () => null);
      case 'HardshipFileOpened': {
        const { fileId, unitId, openedOn } = event.data;
        return [{ metric: 'hardship_files_opened', unitId, occurredOn: openedOn, quantity: 1, subjectKind: 'hardship_file', subjectId: fileId, distinctKey: fileId }];
      }
      case 'AidProposed': {
        const { grantId, unitId, householdKey, programmeKind } = event.data;
        await remember('grant', grantId, { unitId, householdKey, programme: programmeKind } satisfies GrantMemory);
        return [];
      }
      case 'AidDisbursed':
      case 'AidDisbursementReversed': {
        const grant = await recall<GrantMemory>('grant', event.data.grantId);
        if (!grant) return [];
        const paid = event.type === 'AidDisbursed';
        return [
          {
            metric: 'aid_paid',
            unitId: grant.unitId,
            occurredOn: paid ? event.data.paidOn : event.data.reversedOn,
            quantity: paid ? BigInt(event.data.amountFen) : -BigInt(event.data.amountFen),
            subjectKind: 'aid_grant',
            subjectId: event.data.grantId,
            distinctKey: grant.householdKey,
            dimensions: { programme: grant.programme },
          },
        ];
      }
      case 'AidGranted':
      case 'AidProposalRejected':
      case 'AidRevoked':
        return [];
      case 'JobSeekerRegistered': {
        const { seekerId, unitId, kind, registeredOn } = event.data;
        await remember('seeker', seekerId, { unitId, kind } satisfies SeekerMemory);
        return [seekerFact('job_seekers_registered', seekerId, unitId, registeredOn, { kind, cycle: '1' })];
      }
      case 'JobSeekerReregistered': {
        const seeker = await recall<SeekerMemory>('seeker', event.data.seekerId);
        if (!seeker) return [];
        const { seekerId, kind, registeredOn, cycle } = event.data;
        return [seekerFact('job_seekers_registered', seekerId, seeker.unitId, registeredOn, { kind, cycle: String(cycle) })];
      }
      case 'TrainingCompleted': {
        const seeker = await recall<SeekerMemory>('seeker', event.data.seekerId);
        if (!seeker) return [];
        const { seekerId, completedOn, certified, trainingId } = event.data;
        return [
          { ...seekerFact('training_completed', seekerId, seeker.unitId, completedOn, { trainingId, certified: String(certified) }), distinctKey: seekerId },
        ];
      }
      case 'WorkerRehired': {
        const seeker = await recall<SeekerMemory>('seeker', event.data.seekerId);
        if (!seeker) return [];
        const { seekerId, startedOn, channel } = event.data;
        return [seekerFact('people_rehired', seekerId, seeker.unitId, startedOn, { channel, kind: seeker.kind })];
      }
      case 'JobFairOrganised': {
        const { fairId, unitId, heldOn } = event.data;
        await remember('fair', fairId, { unitId, heldOn } satisfies FairMemory);
        return [];
      }
      case 'PositionOffered': {
        const fair = await recall<FairMemory>('fair', event.data.fairId);
        if (!fair) return [];
        const { fairId, positionId, count } = event.data;
        return [{ metric: 'positions_offered', unitId: fair.unitId, occurredOn: fair.heldOn, quantity: count, subjectKind: 'job_fair', subjectId: fairId, dimensions: { positionId } }];
      }
      default:
        // Events of these contexts the statistics do not count (visits, reviews, referrals, surveys...).
        return [];
    }
  }

  /** Moves the span an agreement is counted in force for: cancels the rows of the old span, writes the new. */
  private async changeCoverage(sql: ProjectionSql, talksId: string, next: (talks: TalksMemory) => Coverage | null): Promise<NewFact[]> {
    const talks = await this.recall<TalksMemory>(sql, 'talks', talksId);
    if (!talks) return [];
    const coverage = next(talks);
    const same = coverage && talks.coverage && coverage.from === talks.coverage.from && coverage.until === talks.coverage.until;
    if (same || (!coverage && !talks.coverage)) return [];
    const facts: NewFact[] = [];
    for (const enterpriseId of talks.enterpriseIds) {
      const enterprise = await this.recall<EnterpriseMemory>(sql, 'enterprise', enterpriseId);
      const row = (span: Coverage, quantity: number): NewFact => ({
        metric: 'agreement_coverage',
        unitId: enterprise?.unitId ?? talks.unitId,
        occurredOn: span.from,
        validUntil: span.until,
        quantity,
        subjectKind: 'enterprise',
        subjectId: enterpriseId,
        distinctKey: enterpriseId,
        dimensions: { talksId, scope: talks.scope },
      });
      if (talks.coverage) facts.push(row(talks.coverage, -1));
      if (coverage) facts.push(row(coverage, 1));
    }
    await this.remember(sql, 'talks', talksId, { ...talks, coverage });
    return facts;
  }

  private async remember(sql: ProjectionSql, kind: string, id: string, data: object): Promise<void> {
    sql.write(
      `INSERT INTO ${SUBJECTS} (kind, id, data) VALUES ($1, $2, $3) ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data`,
      [kind, id, JSON.stringify(data)],
    );
  }

  private async recall<T>(sql: ProjectionSql, kind: string, id: string): Promise<T | undefined> {
    const rows: { data: T }[] = await sql.query(`SELECT data FROM ${SUBJECTS} WHERE kind = $1 AND id = $2`, [kind, id]);
    return rows[0]?.data;
  }
}

function span(from: string, termYears: number): Coverage {
  return { from, until: termEnd(from, termYears) };
}

function enterpriseSubject(enterpriseId: string, ownership: Ownership) {
  return {
    subjectKind: 'enterprise' as const,
    subjectId: enterpriseId,
    distinctKey: enterpriseId,
    dimensions: { ownership, nonPublic: String(NON_PUBLIC_OWNERSHIPS.includes(ownership)) } as Record<string, string>,
  };
}

function seekerFact(metric: FactKey, seekerId: string, unitId: string, occurredOn: string, dimensions: Record<string, string>): NewFact {
  return { metric, unitId, occurredOn, quantity: 1, subjectKind: 'job_seeker', subjectId: seekerId, dimensions };
}
