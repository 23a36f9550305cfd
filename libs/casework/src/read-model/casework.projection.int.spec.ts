import { randomBytes, randomUUID } from 'node:crypto';
import { ANY, NO_STREAM } from '#event-store';
import { PersonalDataVault } from '#personal-data';
import { useProjectionTestBed } from '../../../../test/support/projection-test-bed.js';
import { testEvent } from '../../../event-store/src/testing/event-store-contract.js';
import { hardshipFileStreamName } from '../casework.streams.js';
import type { WorkerPersonalData } from '../casework.vocabulary.js';
import { CaseworkProjection } from './casework.projection.js';
import { projectionSqlOf, useProjectionSchemas } from '#projections';

const bed = useProjectionTestBed();
let vault: PersonalDataVault;
let projection: CaseworkProjection;
const masterKey = randomBytes(32);

beforeAll(() => {
  vault = new PersonalDataVault(bed.dataSource, masterKey);
  projection = new CaseworkProjection(vault);
});

const project = (using = projection) => bed.project([using], { maxBatchSize: 2 });

/** Every row as text, in a fixed order: what "the same rows" means. */
async function dump(): Promise<string[]> {
  const rows: { row: string }[] = await bed.dataSource.query(`SELECT t::text AS row FROM read_model.hardship_files t ORDER BY id`);
  return rows.map((row) => row.row);
}

const unitId = randomUUID();
const [zhaoFile, liFile] = [randomUUID(), randomUUID()];
const ZHAO = '11010519491231002X';
const LI = '440524188001010014';

async function openFile(fileId: string, residentId: string, name: string, phone: string): Promise<string> {
  const personId = await vault.enrol(residentId);
  const personal: WorkerPersonalData = {
    name,
    residentId,
    phone,
    address: '解放路12号',
    illnessDetails: null,
    fiveClears: { familySituation: '三口之家', causeOfHardship: '失业', stateOfMind: '稳定', employmentNeeds: '就近就业', skills: '电焊' },
  };
  await bed.store.appendToStream(hardshipFileStreamName(fileId), NO_STREAM, [
    testEvent('HardshipFileOpened', {
      fileId,
      unitId,
      worker: { ...(await vault.seal(personId, personal)) },
      gender: 'female',
      enterpriseId: null,
      employerName: '某纺织有限公司',
      householdSize: 3,
      perCapitaMonthlyIncomeFen: 65_000,
      minimumLivingStandardFen: 78_000,
      categories: ['unemployment', 'single_parent_woman'],
      tier: 'deep',
      migrantWorker: null,
      surveyedOn: '2026-05-25',
      openedOn: '2026-06-01',
      nextReviewDue: '2026-11-30',
    }),
  ]);
  return personId;
}

describe('casework projection', () => {
  let zhao: string;

  it('keeps the name, a masked ID number and a masked phone of each worker, and the file\'s figures', async () => {
    zhao = await openFile(zhaoFile, ZHAO, '赵秀英', '13812345678');
    await openFile(liFile, LI, '李建国', '13912345678');
    const append = (type: string, data: Record<string, unknown>) => bed.store.appendToStream(hardshipFileStreamName(zhaoFile), ANY, [testEvent(type, { fileId: zhaoFile, ...data })]);
    await append('HardshipVisitRecorded', { visitId: randomUUID(), occasion: 'festival', visitedOn: '2026-06-01', visitors: ['王芳'], notes: null });
    await append('AidRequestNoted', { requestId: randomUUID(), programme: 'winter_warmth', amountRequestedFen: 50_000, requestedOn: '2026-06-01', reason: await vault.seal(zhao, { notes: '节日' }) });
    await append('HardshipFileReviewed', {
      reviewedOn: '2026-06-02', outcome: 'still_in_hardship', householdSize: 2, perCapitaMonthlyIncomeFen: 100_000, minimumLivingStandardFen: 78_000,
      categories: ['unemployment'], tier: 'relative', previousTier: 'deep', nextReviewDue: '2026-12-02', notes: null,
    });
    await project();

    const [row] = await bed.dataSource.query(`SELECT * FROM read_model.hardship_files WHERE id = $1`, [zhaoFile]);
    expect(row).toMatchObject({
      person_id: zhao,
      name: '赵秀英',
      resident_id_masked: '1101**********002X',
      phone_masked: '138****5678',
      personal_data_erased: false,
      tier: 'relative',
      categories: ['unemployment'],
      household_size: 2,
      status: 'open',
      visit_count: 1,
      aid_request_count: 1,
      aid_requested_fen: '50000',
      revision: '3',
    });
    expect((await dump()).join('\n')).not.toContain(ZHAO);
  });

  it('scrubs an erased person\'s rows and keeps the file, its status and its figures; others are untouched', async () => {
    const before = await bed.dataSource.query(`SELECT * FROM read_model.hardship_files WHERE id = $1`, [liFile]);
    await bed.store.appendToStream(`person-${zhao}`, NO_STREAM, [testEvent('PersonalDataErased', { personId: zhao, reason: 'data_subject_request' })]);
    await vault.destroyKey(zhao);
    await project();

    const [row] = await bed.dataSource.query(`SELECT * FROM read_model.hardship_files WHERE id = $1`, [zhaoFile]);
    expect(row).toMatchObject({
      name: null,
      resident_id_masked: null,
      phone_masked: null,
      personal_data_erased: true,
      status: 'open',
      tier: 'relative',
      categories: ['unemployment'],
      visit_count: 1,
      aid_request_count: 1,
      aid_requested_fen: '50000',
    });
    expect(await bed.dataSource.query(`SELECT * FROM read_model.hardship_files WHERE id = $1`, [liFile])).toEqual(before);
    const text = (await dump()).join('\n');
    for (const trace of ['赵秀英', '1101**********002X', '138****5678']) expect(text).not.toContain(trace);
  });

  it('changes nothing when events are applied again, and rebuilds the same rows from the log after the erasure', async () => {
    const settled = await dump();
    const { events } = await bed.store.readAll();
    await bed.dataSource.transaction(async (manager) => {
      await useProjectionSchemas(manager);
      const sql = await projectionSqlOf(manager);
      for (const event of events) if (projection.eventTypes.includes(event.type)) await projection.apply(event, sql);
      await sql.settle();
    });
    expect(await dump()).toEqual(settled);

    // A rebuild: the rows and the checkpoint go, and the whole log is projected again.
    await bed.dataSource.query(`WITH gone AS (DELETE FROM read_model.hardship_files RETURNING 1) SELECT count(*) FROM gone`);
    await bed.dataSource.query(`WITH gone AS (DELETE FROM read_model.projection_checkpoints WHERE projection = 'casework' RETURNING 1) SELECT count(*) FROM gone`);
    // Another process, whose vault never held the erased key.
    await project(new CaseworkProjection(new PersonalDataVault(bed.dataSource, masterKey)));
    expect(await dump()).toEqual(settled);
  });
});
