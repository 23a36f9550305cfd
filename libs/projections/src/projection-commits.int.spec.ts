import type { RecordedEvent } from '#event-store';
import { comparePositions } from '#event-store';
import { useProjectionTestBed } from '../../../test/support/projection-test-bed.js';
import { ProjectionCommits, type CommittedBatch } from './projection-commits.js';
import type { Projection } from './projection.js';
import type { ProjectionSql } from './projection-sql.js';
import { Projector } from './projector.js';

const bed = useProjectionTestBed();

/** Counts what it applies; the row it writes shows the batch was committed before the listener heard of it. */
class Counting implements Projection {
  readonly name = 'commit-listener';
  readonly tables = [];
  readonly eventTypes = ['Counted'];
  async apply(_event: RecordedEvent, sql: ProjectionSql): Promise<void> {
    sql.write(`INSERT INTO read_model.commit_tally (n) VALUES (1)`);
  }
}

beforeAll(async () => {
  await bed.dataSource.query(`CREATE TABLE read_model.commit_tally (n int NOT NULL)`);
});

describe('projection commits', () => {
  it('tells listeners of each committed batch, after its transaction, with how many events the projection applied', async () => {
    const commits = new ProjectionCommits();
    const heard: CommittedBatch[] = [];
    const rowsVisible = new Map<CommittedBatch, number>();
    const projector = new Projector(bed.store, bed.dataSource, [new Counting()], { log: () => undefined, error: () => undefined }, {
      maxBatchSize: 2,
      onBatchCommitted: (projection, position, applied) => commits.publish({ projection, position, applied }),
    });
    const seen: Promise<void>[] = [];
    commits.committed$.subscribe((batch) => {
      heard.push(batch);
      // Another connection sees the batch's rows at once: the listener is told after the commit.
      seen.push(
        bed.dataSource.query(`SELECT count(*)::int AS n FROM read_model.commit_tally`).then(([row]: { n: number }[]) => {
          rowsVisible.set(batch, row.n);
        }),
      );
    });
    await bed.append('a', 'Counted', {});
    await bed.append('a', 'Ignored', {});
    await bed.append('a', 'Counted', {});
    await bed.append('b', 'Ignored', {});
    projector.start();
    await projector.waitFor(await bed.store.headPosition());
    await projector.stop();
    await Promise.all(seen);

    expect(heard.map((batch) => [batch.projection, batch.applied])).toEqual([
      ['commit-listener', 1],
      ['commit-listener', 1],
    ]);
    // At least the rows of every batch told of so far (a later batch may have committed by the time it looked).
    expect(rowsVisible.get(heard[0])).toBeGreaterThanOrEqual(1);
    expect(rowsVisible.get(heard[1])).toBe(2);
    expect(comparePositions(heard[1].position, await bed.store.headPosition())).toBe(0);
  });
});
