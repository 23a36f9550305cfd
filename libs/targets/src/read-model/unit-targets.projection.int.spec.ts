import { randomUUID } from 'node:crypto';
import { useProjectionTestBed } from '../../../../test/support/projection-test-bed.js';
import { unitTargetsStreamName } from '../targets.streams.js';
import { UnitTargetsProjection } from './unit-targets.projection.js';

const bed = useProjectionTestBed();
const project = () => bed.project([new UnitTargetsProjection()], { maxBatchSize: 2 });
const rows = () =>
  bed.dataSource.query(
    `SELECT revision::int, metric, change, value::text, previous_value::text, reason, recorded_at, recorded_by FROM read_model.unit_targets ORDER BY unit_id, revision`,
  );

describe('unit targets projection', () => {
  const unitId = randomUUID();
  const stream = unitTargetsStreamName(unitId, 2026);

  it('keeps every set and withdrawal with its value, the value it replaced and when it was recorded', async () => {
    await bed.append(stream, 'TargetSet', { unitId, year: 2026, metric: 'aid_paid_fen', value: '99999999999999', previousValue: null, reason: '市总下达' });
    await bed.append(stream, 'TargetSet', { unitId, year: 2026, metric: 'aid_paid_fen', value: '12550000', previousValue: '99999999999999' });
    await bed.append(stream, 'TargetWithdrawn', { unitId, year: 2026, metric: 'aid_paid_fen', previousValue: '12550000' });
    await project();
    expect(await rows()).toEqual([
      { revision: 0, metric: 'aid_paid_fen', change: 'set', value: '99999999999999', previous_value: null, reason: '市总下达', recorded_at: new Date('2026-11-22T08:00:00.000Z'), recorded_by: 'tester' },
      { revision: 1, metric: 'aid_paid_fen', change: 'set', value: '12550000', previous_value: '99999999999999', reason: null, recorded_at: new Date('2026-11-22T08:00:00.000Z'), recorded_by: 'tester' },
      { revision: 2, metric: 'aid_paid_fen', change: 'withdrawn', value: null, previous_value: '12550000', reason: null, recorded_at: new Date('2026-11-22T08:00:00.000Z'), recorded_by: 'tester' },
    ]);
  });

  it('writes the same rows when the log is replayed from the start', async () => {
    const before = await rows();
    await bed.dataSource.query(`DELETE FROM read_model.projection_checkpoints WHERE projection = 'unit_targets'`);
    await project();
    expect(await rows()).toEqual(before);
  });
});
