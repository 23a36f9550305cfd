// A district to run commands in, made through the API as its people make it: the demo federation (a township,
// a caseworker, a supervisor, a fund, a programme, targets, ...; apps/api/src/cli/demo-federation.ts), then more
// caseworkers (each request of a run signs as one of them) and more funds, and generators of the distinct,
// valid identifiers the commands need (credit codes, resident ID numbers).
import { randomUUID } from 'node:crypto';
import { creditCode, seedDemoFederation } from '../../dist/apps/api/src/cli/demo-federation.js';
import { expectStatus } from './server.mjs';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const DAY_MS = 86_400_000;

/** A resident ID number (GB 11643-1999) with its check character, from its first 17 digits. */
export function residentId(first17) {
  const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  const check = (12 - (sum % 11)) % 11;
  return `${first17}${check === 10 ? 'X' : check}`;
}

/**
 * Distinct resident ID numbers of one region: a thousand per birth date from 1960 on. The 17th digit is even
 * for a woman, odd for a man, so the gender comes with the number.
 */
export function residentIds(region) {
  let next = 0;
  return () => {
    const index = next++;
    const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(index / 1000) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
    const sequence = String(index % 1000).padStart(3, '0');
    return { residentId: residentId(`${region}${born}${sequence}`), gender: Number(sequence[2]) % 2 ? 'male' : 'female' };
  };
}

/** Distinct valid credit codes (the demo's own enterprise uses index 7001; these start at 100,000). */
export function creditCodes(start = 100_000) {
  let next = start;
  return () => creditCode(next++);
}

async function eventually(check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Seeds the running server: the demo federation (its threshold is 1,000 yuan: smaller grants are granted at once),
 * `caseworkers` caseworkers at the township with their bearer tokens, `funds` more funds of the district with
 * money (each `fundFen`) shown on the read side, and a programme for workers.
 */
export async function seedFederation(server, { caseworkers = 16, funds = 1, fundFen = 1_000_000_000 } = {}) {
  const password = `bench-${randomUUID()}`;
  const federation = await seedDemoFederation({ apiUrl: server.baseUrl, adminUsername: server.admin.username, adminPassword: server.admin.password, password });
  const { districtId, townshipId, today, year } = federation;
  const admin = federation.tokens.admin;
  const supervisor = federation.tokens.supervisor;

  const tokens = [];
  for (let i = 0; i < caseworkers; i++) {
    const username = `bench.caseworker.${i}`;
    expectStatus(await server.api('POST', '/accounts', { token: admin, body: { username, displayName: `个案员${i}`, role: 'caseworker', unitId: townshipId, password } }), 'caseworker account');
    tokens.push(await server.signIn(username, password));
  }

  const fundIds = await Promise.all(
    Array.from({ length: funds }, async (_, i) => {
      const fund = expectStatus(
        await server.api('POST', '/funds', { token: supervisor, body: { unitId: districtId, source: 'government_allocation', name: `${year}年帮扶资金（压测${i + 1}）` } }),
        'fund',
      );
      expectStatus(
        await server.api('POST', `/funds/${fund.id}/allocations`, { token: supervisor, body: { amountFen: fundFen, reference: `尧财社〔${year}〕${100 + i}号`, receivedOn: today } }),
        'allocation',
      );
      return fund.id;
    }),
  );
  const programmeId = expectStatus(
    await server.api('POST', '/aid-programmes', {
      token: supervisor,
      body: {
        unitId: districtId,
        year,
        kind: 'living_subsidy',
        name: `${year}年生活救助（压测）`,
        householdCapFen: 300_000,
        oneGrantPerHousehold: false,
        eligibility: { recipients: ['worker'], tiers: [], admissionLevels: [] },
        opensOn: `${year}-01-01`,
        closesOn: `${year}-12-31`,
      },
    }),
    'programme',
  ).id;
  // Grants are decided against the programme and funds as the read side shows them.
  await eventually(async () => expectStatus(await server.api('GET', `/aid-programmes/${programmeId}`, { token: tokens[0] }), 'programme shown', 200));
  for (const fundId of fundIds) await eventually(async () => expectStatus(await server.api('GET', `/funds/${fundId}`, { token: tokens[0] }), 'fund shown', 200));
  return { ...federation, caseworkerTokens: tokens, fundIds, programmeId };
}
