import { catchDomainError } from '../../shared-kernel/src/testing/catch-domain-error.js';
import {
  decideHardshipFile,
  hardshipFileEvolution,
  personClaimEvolution,
  type HardshipFileCommand,
  type HardshipFileEvent,
  type HardshipFileOpened,
  type OpenHardshipFile,
  type PersonClaimEvent,
} from './hardship-file.decider.js';

const fileId = 'f-1';
const personId = 'p-1';
const worker = { personId, sealed: 'pd1.worker' };
const notes = { personId, sealed: 'pd1.notes' };
const today = '2026-06-01';

const opened: HardshipFileOpened = {
  type: 'HardshipFileOpened',
  data: {
    fileId,
    unitId: 'u-1',
    worker,
    gender: 'female',
    enterpriseId: null,
    employerName: '某纺织有限公司',
    householdSize: 3,
    perCapitaMonthlyIncomeFen: 65_000,
    minimumLivingStandardFen: 78_000,
    categories: ['illness'],
    tier: 'deep',
    migrantWorker: null,
    surveyedOn: '2026-05-25',
    openedOn: today,
    nextReviewDue: '2026-11-30',
  },
};
const claimed: PersonClaimEvent = { type: 'HardshipFileClaimed', data: { personId, fileId } };

function given(file: HardshipFileEvent[], claim: PersonClaimEvent[] = []) {
  const fileState = file.reduce(hardshipFileEvolution.evolve, hardshipFileEvolution.initialState());
  const claimState = claim.reduce(personClaimEvolution.evolve, personClaimEvolution.initialState());
  return { when: (command: HardshipFileCommand) => () => decideHardshipFile(command, fileState, claimState) };
}
const refused = (decision: () => unknown) => catchDomainError(decision);

function openFile(overrides: Partial<OpenHardshipFile['data']> = {}): OpenHardshipFile {
  const { openedOn: _openedOn, ...data } = opened.data;
  return { type: 'OpenHardshipFile', data: { ...data, today, ...overrides } };
}
const household = { householdSize: 3, perCapitaMonthlyIncomeFen: 120_000, minimumLivingStandardFen: 78_000, categories: ['illness' as const] };
const review = (overrides: Record<string, unknown> = {}): HardshipFileCommand => ({
  type: 'ReviewHardshipFile',
  data: { fileId, reviewedOn: today, outcome: 'still_in_hardship', ...household, tier: 'relative', nextReviewDue: '2026-12-01', incomeAboveStandardSince: null, notes, today, ...overrides },
});
const leave = (overrides: Record<string, unknown> = {}): HardshipFileCommand => ({
  type: 'LeaveRegister',
  data: { fileId, reason: 'government_support', leftOn: today, incomeAboveStandardSince: null, notes: null, today, ...overrides },
});
const closed: HardshipFileEvent = { type: 'HardshipFileClosed', data: { fileId, reason: 'government_support', leftOn: today, incomeAboveStandardSince: null, notes: null } };
const released: PersonClaimEvent = { type: 'HardshipFileReleased', data: { personId, fileId } };
const reenter = (overrides: Record<string, unknown> = {}): HardshipFileCommand => ({
  type: 'ReenterRegister',
  data: { fileId, reenteredOn: today, ...household, perCapitaMonthlyIncomeFen: 60_000, tier: 'deep', nextReviewDue: '2026-12-01', notes: null, today, ...overrides },
});

describe('opening a hardship file', () => {
  it('records the file opened today and claims the person for it', () => {
    expect(given([]).when(openFile())()).toEqual({ file: [opened], claim: [claimed] });
  });

  it('refuses a person who already has an open file, naming that file', () => {
    const error = refused(given([], [{ type: 'HardshipFileClaimed', data: { personId, fileId: 'f-0' } }]).when(openFile()));
    expect(error).toMatchObject({ code: 'CASEWORK.PERSON_HAS_OPEN_FILE', category: 'conflict', details: { existingFileId: 'f-0' } });
  });

  it('opens a new file for a person whose earlier file left the register', () => {
    const earlier: PersonClaimEvent[] = [
      { type: 'HardshipFileClaimed', data: { personId, fileId: 'f-0' } },
      { type: 'HardshipFileReleased', data: { personId, fileId: 'f-0' } },
    ];
    expect(given([], earlier).when(openFile())().claim).toEqual([claimed]);
  });

  it('checks the income rules of each tier against 低保', () => {
    expect(refused(given([]).when(openFile({ perCapitaMonthlyIncomeFen: 78_001 }))).problems).toEqual([{ field: 'tier', reason: expect.stringMatching(/深度困难/) }]);
    expect(given([]).when(openFile({ perCapitaMonthlyIncomeFen: 78_000 }))().file).toHaveLength(1);
    expect(given([]).when(openFile({ tier: 'relative', perCapitaMonthlyIncomeFen: 155_999 }))().file).toHaveLength(1);
    expect(refused(given([]).when(openFile({ tier: 'relative', perCapitaMonthlyIncomeFen: 156_000 }))).code).toBe('CASEWORK.TIER_INCOME_MISMATCH');
    expect(refused(given([]).when(openFile({ tier: 'relative', perCapitaMonthlyIncomeFen: 70_000 }))).problems[0].reason).toMatch(/深度困难/);
    expect(given([]).when(openFile({ tier: 'accident', perCapitaMonthlyIncomeFen: 500_000 }))().file).toHaveLength(1);
    expect(refused(given([]).when(openFile({ tier: 'accident', categories: ['unemployment'] }))).problems).toEqual([{ field: 'categories', reason: expect.any(String) }]);
  });

  it('files a migrant worker only as a union member employed for a year', () => {
    const migrant = (facts: OpenHardshipFile['data']['migrantWorker']) => openFile({ categories: ['migrant_worker'], migrantWorker: facts });
    expect(refused(given([]).when(migrant(null))).problems[0].field).toBe('migrantWorker');
    expect(refused(given([]).when(migrant({ unionMember: false, employedSince: '2020-01-01' }))).problems[0].field).toBe('migrantWorker.unionMember');
    expect(refused(given([]).when(migrant({ unionMember: true, employedSince: '2025-06-02' }))).code).toBe('CASEWORK.MIGRANT_EMPLOYED_UNDER_A_YEAR');
    expect(given([]).when(migrant({ unionMember: true, employedSince: '2025-06-01' }))().file).toHaveLength(1);
  });

  it('refuses a survey in the future, a review date not ahead or more than a year out, and repeated categories', () => {
    expect(refused(given([]).when(openFile({ surveyedOn: '2026-06-02' }))).problems[0].field).toBe('surveyedOn');
    expect(refused(given([]).when(openFile({ nextReviewDue: today }))).code).toBe('CASEWORK.NEXT_REVIEW_NOT_AHEAD');
    expect(refused(given([]).when(openFile({ nextReviewDue: '2027-06-02' }))).code).toBe('CASEWORK.NEXT_REVIEW_TOO_FAR');
    expect(refused(given([]).when(openFile({ categories: ['illness', 'illness'] }))).problems[0].field).toBe('categories');
    expect(refused(given([]).when(openFile({ householdSize: 0 }))).problems[0].field).toBe('householdSize');
  });

  it('refuses to open the same file twice', () => {
    expect(refused(given([opened]).when(openFile())).code).toBe('CASEWORK.FILE_EXISTS');
  });
});

describe('reviewing a file (动态管理)', () => {
  it('records the outcome with the tier it replaces and the next review', () => {
    const { file, claim } = given([opened], [claimed]).when(review())();
    expect(claim).toEqual([]);
    expect(file).toEqual([
      {
        type: 'HardshipFileReviewed',
        data: { fileId, reviewedOn: today, outcome: 'still_in_hardship', ...household, tier: 'relative', previousTier: 'deep', nextReviewDue: '2026-12-01', notes },
      },
    ]);
  });

  it('needs a tier and a next review while the household is still in hardship', () => {
    expect(refused(given([opened]).when(review({ tier: null }))).problems[0].field).toBe('tier');
    expect(refused(given([opened]).when(review({ nextReviewDue: null }))).problems[0].field).toBe('nextReviewDue');
    expect(refused(given([opened]).when(review({ perCapitaMonthlyIncomeFen: 200_000 }))).code).toBe('CASEWORK.TIER_INCOME_MISMATCH');
  });

  it('takes a recovered household off the register after six months above 低保, releasing the person', () => {
    const { file, claim } = given([opened], [claimed]).when(review({ outcome: 'recovered', tier: null, nextReviewDue: null, incomeAboveStandardSince: '2025-12-01' }))();
    expect(file.map((event) => event.type)).toEqual(['HardshipFileReviewed', 'HardshipFileClosed']);
    expect(file[1].data).toMatchObject({ reason: 'out_of_hardship', leftOn: today, incomeAboveStandardSince: '2025-12-01' });
    expect(claim).toEqual([released]);
  });

  it('refuses recovery below 低保 or before six months above it', () => {
    expect(refused(given([opened]).when(review({ outcome: 'recovered', perCapitaMonthlyIncomeFen: 78_000, incomeAboveStandardSince: '2025-01-01' }))).code).toBe(
      'CASEWORK.NOT_RECOVERED',
    );
    expect(refused(given([opened]).when(review({ outcome: 'recovered', incomeAboveStandardSince: '2025-12-02' }))).code).toBe('CASEWORK.NOT_SIX_MONTHS_ABOVE_STANDARD');
    expect(refused(given([opened]).when(review({ outcome: 'recovered', incomeAboveStandardSince: null }))).code).toBe('CASEWORK.RECOVERY_DATE_REQUIRED');
  });

  it('refuses a review dated before the file came on the register, in the future, or of a closed file', () => {
    expect(refused(given([opened]).when(review({ reviewedOn: '2026-05-31' }))).code).toBe('CASEWORK.DATE_TOO_EARLY');
    expect(refused(given([opened]).when(review({ reviewedOn: '2026-06-02' }))).code).toBe('CASEWORK.DATE_IN_FUTURE');
    expect(refused(given([opened, closed]).when(review()))).toMatchObject({ code: 'CASEWORK.FILE_CLOSED', category: 'conflict' });
    expect(refused(given([]).when(review())).category).toBe('not_found');
  });
});

describe('leaving and re-entering the register', () => {
  it('closes an open file with its reason and releases the person', () => {
    expect(given([opened], [claimed]).when(leave())()).toEqual({ file: [closed], claim: [released] });
  });

  it('leaves as out of hardship only after six months above 低保', () => {
    expect(refused(given([opened]).when(leave({ reason: 'out_of_hardship' }))).problems[0].field).toBe('incomeAboveStandardSince');
    expect(given([opened]).when(leave({ reason: 'out_of_hardship', incomeAboveStandardSince: '2025-12-01' }))().file).toHaveLength(1);
  });

  it('refuses to close a file twice', () => {
    expect(refused(given([opened, closed]).when(leave())).code).toBe('CASEWORK.FILE_CLOSED');
  });

  it('puts a closed file back on the register and claims the person again', () => {
    const { file, claim } = given([opened, closed], [claimed, released]).when(reenter())();
    expect(file).toEqual([{ type: 'HardshipFileReentered', data: { fileId, reenteredOn: today, ...household, perCapitaMonthlyIncomeFen: 60_000, tier: 'deep', nextReviewDue: '2026-12-01', notes: null } }]);
    expect(claim).toEqual([claimed]);
    const state = [opened, closed, ...file].reduce(hardshipFileEvolution.evolve, hardshipFileEvolution.initialState());
    expect(state).toMatchObject({ status: 'open', tier: 'deep', onRegisterSince: today });
  });

  it('refuses re-entry while the person has another open file, naming it', () => {
    const other: PersonClaimEvent = { type: 'HardshipFileClaimed', data: { personId, fileId: 'f-2' } };
    expect(refused(given([opened, closed], [claimed, released, other]).when(reenter()))).toMatchObject({ details: { existingFileId: 'f-2' } });
  });

  it('refuses re-entry of an open file, of a deceased worker\'s file, or before the file left', () => {
    expect(refused(given([opened]).when(reenter())).code).toBe('CASEWORK.FILE_ALREADY_OPEN');
    const died: HardshipFileEvent = { ...closed, data: { ...closed.data, reason: 'deceased' } } as HardshipFileEvent;
    expect(refused(given([opened, died]).when(reenter())).code).toBe('CASEWORK.WORKER_DECEASED');
    const leftLater: HardshipFileEvent = { ...closed, data: { ...closed.data, leftOn: '2026-06-01' } } as HardshipFileEvent;
    expect(refused(given([opened, leftLater]).when(reenter({ reenteredOn: '2026-05-31' }))).problems[0].field).toBe('reenteredOn');
  });
});

describe('visits and aid requests', () => {
  const visit = (overrides: Record<string, unknown> = {}): HardshipFileCommand => ({
    type: 'RecordVisit',
    data: { fileId, visitId: 'v-1', occasion: 'hospitalized', visitedOn: '2026-05-30', visitors: ['王芳'], notes, today, ...overrides },
  });
  const aid = (overrides: Record<string, unknown> = {}): HardshipFileCommand => ({
    type: 'NoteAidRequest',
    data: { fileId, requestId: 'r-1', programme: 'medical_aid', amountRequestedFen: 500_000, requestedOn: today, reason: notes, today, ...overrides },
  });

  it('records a visit, also on a closed file (a bereaved family is still visited)', () => {
    const { today: _today, ...data } = visit().data as { today: string };
    expect(given([opened]).when(visit())()).toEqual({ file: [{ type: 'HardshipVisitRecorded', data }], claim: [] });
    expect(given([opened, closed]).when(visit({ occasion: 'bereavement' }))().file).toHaveLength(1);
  });

  it('refuses a visit in the future, before the survey, or with a visitor named twice', () => {
    expect(refused(given([opened]).when(visit({ visitedOn: '2026-06-02' }))).problems[0].field).toBe('visitedOn');
    expect(refused(given([opened]).when(visit({ visitedOn: '2026-05-24' }))).problems[0].field).toBe('visitedOn');
    expect(refused(given([opened]).when(visit({ visitors: ['王芳', '王芳'] }))).problems[0].field).toBe('visitors');
    expect(refused(given([]).when(visit())).category).toBe('not_found');
  });

  it('notes an aid request on an open file only, for a positive whole number of fen', () => {
    expect(given([opened]).when(aid())().file[0]).toMatchObject({ type: 'AidRequestNoted', data: { amountRequestedFen: 500_000 } });
    expect(refused(given([opened, closed]).when(aid())).code).toBe('CASEWORK.FILE_CLOSED');
    expect(refused(given([opened]).when(aid({ amountRequestedFen: 0 }))).problems[0].field).toBe('amountRequestedFen');
    expect(refused(given([opened]).when(aid({ amountRequestedFen: 10.5 }))).problems[0].field).toBe('amountRequestedFen');
  });
});
