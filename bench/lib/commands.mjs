// The bodies of the real commands the HTTP sections send, as caseworkers send them (see test/support/workload.ts),
// each with the read model (projection) that shows its result. Every call gives a new, valid request: a new credit
// code, a new resident ID number, a new Idempotency-Key.
import { randomUUID } from 'node:crypto';
import { creditCodes, residentIds } from './federation.mjs';

export function commandFactory(federation) {
  const { townshipId, today, year, programmeId } = federation;
  const nextCreditCode = creditCodes();
  const nextWorker = residentIds('141002');
  const nextFileHolder = residentIds('141021');
  let enterprises = 0;
  let unions = 0;
  let files = 0;

  return {
    /** POST /api/enterprises: a non-public enterprise of the township (projection organizing). */
    registerEnterprise() {
      const n = enterprises++;
      return {
        kind: 'register enterprise',
        projection: 'organizing',
        method: 'POST',
        path: '/api/enterprises',
        body: {
          name: `尧都区压测第${n}号机械有限公司`,
          creditCode: nextCreditCode(),
          ownership: 'non_public',
          industry: n % 2 ? 'textiles' : 'manufacturing',
          unitId: townshipId,
          employeeCount: 20 + (n % 200),
          womenEmployeeCount: 5 + (n % 10),
        },
      };
    },
    /** POST /api/unions: an independent union covering one registered enterprise without one (projection organizing). */
    foundUnion(enterpriseId) {
      const n = unions++;
      return {
        kind: 'found union',
        projection: 'organizing',
        method: 'POST',
        path: '/api/unions',
        body: {
          name: `尧都区压测第${n}号企业工会委员会`,
          kind: 'independent',
          unitId: townshipId,
          coveredEnterpriseIds: [enterpriseId],
          foundedOn: today,
          chairName: '王芳',
          initialMemberCount: 10 + (n % 10),
          womenCommitteeFounded: n % 2 === 0,
          auditCommitteeFounded: true,
        },
      };
    },
    /** POST /api/aid-grants: 10 yuan to a worker without a file, under the threshold: granted at once (projection funds). */
    grantAid(fundId, amountFen = 1_000) {
      const { residentId } = nextWorker();
      return {
        kind: 'grant aid',
        projection: 'funds',
        method: 'POST',
        path: '/api/aid-grants',
        headers: { 'idempotency-key': randomUUID() },
        body: { programmeId, fundId, amountFen, reason: '家庭生活困难', recipient: { kind: 'worker', unitId: townshipId, name: '职工', residentId } },
      };
    },
    /** POST /api/hardship-files: a hardship file, the person's data sealed (projection casework). */
    openHardshipFile() {
      const n = files++;
      const { residentId, gender } = nextFileHolder();
      return {
        kind: 'open hardship file',
        projection: 'casework',
        method: 'POST',
        path: '/api/hardship-files',
        body: {
          unitId: townshipId,
          name: `困难职工${n}`,
          residentId,
          gender,
          phone: `138${String(10_000_000 + (n % 90_000_000)).slice(-8)}`,
          address: `尧都区城关街道解放路${n}号`,
          householdSize: 3,
          perCapitaMonthlyIncomeFen: 65_000,
          minimumLivingStandardFen: 78_000,
          categories: ['illness'],
          tier: 'deep',
          illnessDetails: '术后化疗',
          fiveClears: { familySituation: '三口之家', causeOfHardship: '本人患病', stateOfMind: '情绪稳定', employmentNeeds: '就近就业', skills: '缝纫' },
          surveyedOn: today,
          nextReviewDue: `${year + 1}-06-30`,
        },
      };
    },
  };
}

/** "commit/prepare" as the API returns it → [commit, prepare] as BigInts. */
export function parsePosition(text) {
  const [commit, prepare] = String(text).split('/');
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}

export function atOrPast(checkpoint, position) {
  return checkpoint.commit > position.commit || (checkpoint.commit === position.commit && checkpoint.prepare >= position.prepare);
}
