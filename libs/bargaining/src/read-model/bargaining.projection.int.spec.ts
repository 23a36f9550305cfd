import { randomUUID } from 'node:crypto';
import { ANY, START } from '#event-store';
import { saveCheckpoint, projectionSqlOf, useProjectionSchemas } from '#projections';
import { useProjectionTestBed } from '../../../../test/support/projection-test-bed.js';
import { testEvent } from '../../../event-store/src/testing/event-store-contract.js';
import { wageTalksStreamName } from '../bargaining.streams.js';
import { BARGAINING_ENTITIES } from './bargaining.entities.js';
import { BargainingProjection } from './bargaining.projection.js';

const bed = useProjectionTestBed({ entities: BARGAINING_ENTITIES });

async function project(): Promise<void> {
  try {
    await bed.project([new BargainingProjection()], { timeoutMs: 4000 });
  } finally {
    expect(bed.errors).toEqual([]);
  }
}

const append = (talksId: string, type: string, data: Record<string, unknown>) =>
  bed.store.appendToStream(wageTalksStreamName(talksId), ANY, [testEvent(type, { talksId, ...data })]);

const snapshot = async () =>
  (
    await bed.dataSource.query(
      `SELECT (SELECT json_agg(t ORDER BY id) FROM read_model.wage_talks t) AS talks,
              (SELECT json_agg(e ORDER BY talks_id, enterprise_id) FROM read_model.wage_talks_enterprises e) AS enterprises,
              (SELECT json_agg(s ORDER BY talks_id, revision) FROM read_model.wage_talks_steps s) AS steps`,
    )
  )[0];

describe('bargaining projection', () => {
  const talksId = randomUUID();
  const [unitId, unionId, first, second] = Array.from({ length: 4 }, () => randomUUID());

  it('folds the chain into one row per talks, its enterprises and every step', async () => {
    await append(talksId, 'WageTalksOpened', {
      scope: 'regional',
      coveredEnterpriseIds: [first, second],
      initiatingUnionId: unionId,
      offerDate: '2026-04-01',
      topics: ['wage_growth', 'labour_quotas'],
      unitId,
      renewsTalksId: null,
    });
    await append(talksId, 'EmployerResponded', { decision: 'accepted', respondedOn: '2026-04-10', note: '' });
    await append(talksId, 'NegotiationRoundHeld', { round: 1, heldOn: '2026-04-12', summary: '第一轮' });
    await append(talksId, 'AgreementSigned', {
      signedOn: '2026-04-15',
      termYears: 3,
      wageGrowthBasisPoints: 600,
      minimumMonthlyWageFen: 215000,
      otherTerms: '',
    });
    await append(talksId, 'AgreementAdopted', { adoptedOn: '2026-04-16', delegatesPresent: 30, votesFor: 29 });
    await append(talksId, 'AgreementFiled', { filedOn: '2026-04-18', bureau: '区人社局' });
    await bed.store.appendToStream('wage_talks_claim-regional-x', ANY, [testEvent('WageTalksClaimed', { talksId, enterpriseId: first, scope: 'regional' })]);
    await project();

    const [row] = await bed.dataSource.query(
      `SELECT stage, scope, topics, offer_date::text, signed_on::text, term_years, minimum_monthly_wage_fen, filed_on::text, bureau,
              rounds_held, covered_enterprise_count, revision FROM read_model.wage_talks WHERE id = $1`,
      [talksId],
    );
    expect(row).toEqual({
      stage: 'filed',
      scope: 'regional',
      topics: ['wage_growth', 'labour_quotas'],
      offer_date: '2026-04-01',
      signed_on: '2026-04-15',
      term_years: 3,
      minimum_monthly_wage_fen: '215000',
      filed_on: '2026-04-18',
      bureau: '区人社局',
      rounds_held: 1,
      covered_enterprise_count: 2,
      revision: '5',
    });
    const steps = await bed.dataSource.query(`SELECT type, occurred_on::text AS on FROM read_model.wage_talks_steps WHERE talks_id = $1 ORDER BY revision`, [talksId]);
    expect(steps.map((step: { type: string; on: string }) => `${step.type} ${step.on}`)).toEqual([
      'WageTalksOpened 2026-04-01',
      'EmployerResponded 2026-04-10',
      'NegotiationRoundHeld 2026-04-12',
      'AgreementSigned 2026-04-15',
      'AgreementAdopted 2026-04-16',
      'AgreementFiled 2026-04-18',
    ]);
    expect(await bed.dataSource.query(`SELECT count(*)::int AS n FROM read_model.wage_talks_enterprises WHERE talks_id = $1`, [talksId])).toEqual([{ n: 2 }]);
  });

  it('clears the objected agreement from the row, keeping it in the steps', async () => {
    await append(talksId, 'AgreementObjected', { objectedOn: '2026-04-25', reason: '最低工资低于标准' });
    await project();
    const [row] = await bed.dataSource.query(`SELECT stage, signed_on, filed_on, revision FROM read_model.wage_talks WHERE id = $1`, [talksId]);
    expect(row).toEqual({ stage: 'negotiating', signed_on: null, filed_on: null, revision: '6' });
    const [{ n }] = await bed.dataSource.query(`SELECT count(*)::int AS n FROM read_model.wage_talks_steps WHERE talks_id = $1`, [talksId]);
    expect(n).toBe(7);
  });

  it('changes nothing when an event it has applied is delivered again on its own', async () => {
    const before = await snapshot();
    const [opened, responded] = await bed.store.readStream(wageTalksStreamName(talksId), { maxCount: 2 });
    const projection = new BargainingProjection();
    // An older event delivered late must not wind the row back to "offered" or "accepted".
    await bed.dataSource.transaction(async (manager) => {
      await useProjectionSchemas(manager);
      const sql = await projectionSqlOf(manager);
      await projection.apply(responded, sql);
      await projection.apply(opened, sql);
      await sql.settle();
    });
    expect(await snapshot()).toEqual(before);
  });

  it('changes nothing when the whole log is delivered again from the start', async () => {
    const before = await snapshot();
    // Move the checkpoint back to the start: every event is applied a second time.
    await bed.dataSource.transaction((manager) => saveCheckpoint(manager, 'bargaining', START));
    await project();
    expect(await snapshot()).toEqual(before);
  });

  it('rebuilds exactly the same read model when replayed from an empty read model', async () => {
    const before = await snapshot();
    await bed.dataSource.query(`DELETE FROM read_model.projection_checkpoints WHERE projection = 'bargaining'`);
    await bed.dataSource.query(`TRUNCATE read_model.wage_talks_steps, read_model.wage_talks_enterprises, read_model.wage_talks`);
    await project();
    expect(await snapshot()).toEqual(before);
  });
});
