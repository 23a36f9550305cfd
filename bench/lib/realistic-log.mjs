// A log of N events of a realistic mix, made quickly.
//
// 1. A seed: the real app (in this process, createApp from dist) on a fresh database, driven over HTTP by the same
//    kind of round as test/support/workload.ts (every context: enterprises and unions, wage talks to a filed
//    agreement, a hardship file visited/reviewed/with an aid request, a job seeker trained, referred and rehired,
//    a job fair, aid grants proposed, approved and paid from a fund; every tenth round a unit, an account and a
//    failed sign-in; two persons erased at the end). About 40 events per round, SEED_ROUNDS rounds.
// 2. Copies: the seed's events cloned K times into the target database with every UUID consistently remapped per
//    copy (stream names, data, metadata, event ids), and the other per-record keys too (credit codes, usernames,
//    idempotency hashes); streams with nothing to remap (the access log's per-day streams) continue at their next
//    revision. Sealed personal data is opened with the person's key and sealed again for the copy's person id (the
//    envelope binds the person id), and a key row is written for every copied person (erased ones stay erased),
//    so the projections open copies exactly as they open the originals. Each copy has its own district, accounts
//    and funds, so fund invariants hold per copy. Copy 0 keeps the seed's ids, and the seed's password hashes are
//    copied, so the seed's accounts (admin, auditor, …) sign in on every generated database.
//    Events go in with INSERTs of BATCH rows each (one transaction per batch); memory does not grow with N.
// The audit chain is not made here: the API's sealer chains the log after the fact, as it would chain a restore.
import { createPrivateKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../../dist/apps/api/src/create-app.js';
import { createCommandContext, EventStore } from '../../dist/libs/event-store/src/index.js';
import { CredentialStore, PasswordHasher, createAccount, createUnit } from '../../dist/libs/identity/src/index.js';
import { deriveMasterKeys, openFields, sealFields, unwrapPersonKey, wrapPersonKey } from '../../dist/libs/personal-data/src/envelope.js';
import { Clock, IdGenerator, creditCodeProblem } from '../../dist/libs/shared-kernel/src/index.js';

const SEED_ROUNDS = Number(process.env.BENCH_SEED_ROUNDS ?? 24);
const BATCH = 2000;
const PASSWORD = 'bench-password-0123456789';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HEX64 = /\b[0-9a-f]{64}\b/g;
const CREDIT = /9114100\d{6}MA0K[0-9A-Z]/g;
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function creditCode(index) {
  const body = `9114100${String(index).padStart(6, '0')}MA0K`.slice(0, 17);
  for (const check of CREDIT_ALPHABET) if (!creditCodeProblem(`${body}${check}`)) return `${body}${check}`;
  throw new Error(`No check character for ${body}`);
}
function residentId(first17) {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  const check = (12 - (sum % 11)) % 11;
  return `${first17}${check === 10 ? 'X' : check}`;
}
const womanId = (year, index) => residentId(`141002${year}0101${String((index * 2) % 1000).padStart(3, '0')}`);

let seedPromise;
const logs = new Map();

/** The seed (made once per process): its events, person keys, password hashes, and the keys the app runs with. */
function seed(ctx) {
  seedPromise ??= makeSeed(ctx);
  return seedPromise;
}

/** The workload's dates are on or before 2026-07-01 (as test/support/workload.ts's ManualClock): time runs from there. */
class SeedClock extends Clock {
  origin = Date.now();
  now() {
    return new Date(Date.parse('2026-07-01T02:00:00Z') + (Date.now() - this.origin));
  }
}

async function makeSeed(ctx) {
  const started = performance.now();
  const clock = new SeedClock();
  const masterKey = randomBytes(32);
  const { privateKey } = generateKeyPairSync('ed25519');
  const signingKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const url = await ctx.newDatabase('seed');
  const app = await createApp({
    databaseUrl: url,
    logLevel: 'silent',
    security: { signInRateLimit: 1_000_000 },
    personalDataKey: masterKey,
    clock,
    auditTrail: { signingKey: createPrivateKey(signingKeyPem), sealerEnabled: false },
  });
  let accounts;
  let midway;
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}/api`;
    const from = clock.now().getTime();
    accounts = await driveWorkload(app, base, SEED_ROUNDS);
    // An instant halfway through the seed's history: balance-as-of then counts about half of a fund's ledger.
    midway = new Date((from + clock.now().getTime()) / 2).toISOString();
  } finally {
    await app.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let events;
  let persons;
  let credentials;
  let masterCheck;
  try {
    events = (
      await client.query(`SELECT stream_name, revision::int AS revision, event_id::text AS event_id, event_type, data::text AS data, metadata::text AS metadata
                          FROM event_store.events ORDER BY transaction_id, global_position`)
    ).rows;
    persons = (await client.query(`SELECT person_id::text AS person_id, wrapped_key, erased_at FROM personal_data.person_keys`)).rows;
    credentials = (await client.query(`SELECT json_agg(c)::text AS rows FROM identity.credentials c`)).rows[0].rows;
    masterCheck = (await client.query(`SELECT json_agg(m)::text AS rows FROM personal_data.master_key_check m`)).rows[0].rows;
  } finally {
    await client.end();
  }
  await dropDatabase(ctx.serverUrl, url);

  const keys = deriveMasterKeys(masterKey);
  const personKeys = new Map(persons.map((p) => [p.person_id, p.wrapped_key ? unwrapPersonKey(keys, p.person_id, p.wrapped_key) : null]));
  const usernames = new Set(events.filter((e) => e.event_type === 'UsernameClaimed').map((e) => JSON.parse(e.data).username));
  const seedEvents = events.map((event) => ({
    ...event,
    // Events whose remapping needs more than text replacement: sealed personal data, usernames.
    needsWalk: event.data.includes('"sealed"') || (event.data.includes('"username"') && usernames.size > 0) || event.stream_name.startsWith('username-'),
  }));
  const mix = new Map();
  for (const event of events) mix.set(event.event_type, (mix.get(event.event_type) ?? 0) + 1);
  ctx.log(`realistic log: seed of ${events.length} events (${SEED_ROUNDS} rounds, ${mix.size} event types, ${persons.length} persons) made over HTTP in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { events: seedEvents, persons, personKeys, usernames, credentials, masterCheck, masterKey, keys, signingKeyPem, accounts: { ...accounts, midway }, mix };
}

/**
 * A database holding a log of exactly `size` events (cached per size for this process: the projector and auditor
 * sections share it). Resolves with { url, size, env (for the app's processes), accounts, fundId, mix }.
 */
export function realisticLog(ctx, size) {
  if (!logs.has(size)) logs.set(size, makeLog(ctx, size));
  return logs.get(size);
}

/** Drops every generated database (the last section that uses them calls it). */
export async function dropRealisticLogs(ctx) {
  for (const [size, promise] of logs) {
    logs.delete(size);
    try {
      await dropDatabase(ctx.serverUrl, (await promise).url);
    } catch (error) {
      ctx.log(`could not drop the ${size}-event database: ${error.message}`);
    }
  }
}

async function makeLog(ctx, size) {
  const s = await seed(ctx);
  const started = performance.now();
  const url = await ctx.newDatabase(`log_${size}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO personal_data.master_key_check SELECT * FROM json_populate_recordset(NULL::personal_data.master_key_check, $1::json)`, [s.masterCheck]);
    await client.query(`INSERT INTO identity.credentials SELECT * FROM json_populate_recordset(NULL::identity.credentials, $1::json)`, [s.credentials]);
    const nextRevision = new Map();
    let credit = 100_000;
    let written = 0;
    let rows = emptyRows();
    let lastReport = performance.now();
    for (let copy = 0; written < size; copy++) {
      const ids = new Map();
      const mapId = copy === 0 ? (id) => id : (id) => ids.get(id) ?? (ids.set(id, randomUUID()), ids.get(id));
      const mapHex = copy === 0 ? (hex) => hex : (hex) => ids.get(hex) ?? (ids.set(hex, randomBytes(32).toString('hex')), ids.get(hex));
      const mapCode = copy === 0 ? (code) => code : (code) => ids.get(code) ?? (ids.set(code, creditCode(credit++)), ids.get(code));
      const mapText = (text) => (copy === 0 ? text : text.replace(UUID, mapId).replace(HEX64, mapHex).replace(CREDIT, mapCode));
      const mapUsername = (name) => (copy === 0 ? name : `${name}.c${copy}`);
      // The copy's persons: the same person key, wrapped for the new person id (erased persons stay erased).
      const personRows = s.persons.map((person) => ({
        person_id: mapId(person.person_id),
        wrapped_key: person.wrapped_key ? `\\x${wrapPersonKey(s.keys, mapId(person.person_id), s.personKeys.get(person.person_id)).toString('hex')}` : null,
        erased_at: person.erased_at,
      }));
      await client.query(
        `INSERT INTO personal_data.person_keys (person_id, wrapped_key, erased_at)
         SELECT person_id, wrapped_key, erased_at FROM json_populate_recordset(NULL::personal_data.person_keys, $1::json)`,
        [JSON.stringify(personRows)],
      );
      for (const event of s.events) {
        if (written >= size) break;
        let data = event.data;
        let stream = event.stream_name;
        if (copy > 0 && event.needsWalk) {
          const parsed = JSON.parse(data);
          walk(parsed, s, mapId, mapUsername);
          data = JSON.stringify(parsed);
          if (stream.startsWith('username-')) stream = `username-${mapUsername(stream.slice('username-'.length))}`;
        }
        const mappedStream = mapText(stream);
        let revision = event.revision;
        if (copy > 0 && mappedStream === event.stream_name) {
          revision = nextRevision.get(mappedStream) ?? event.revision;
        }
        nextRevision.set(mappedStream, Math.max(nextRevision.get(mappedStream) ?? 0, revision + 1));
        const metadata = mapText(event.metadata);
        rows.stream.push(mappedStream);
        rows.revision.push(revision);
        rows.id.push(mapText(event.event_id));
        rows.type.push(event.event_type);
        rows.data.push(mapText(data));
        rows.metadata.push(metadata);
        written++;
        if (rows.stream.length >= BATCH) {
          await insert(client, rows);
          rows = emptyRows();
          if (performance.now() - lastReport > 10_000) {
            lastReport = performance.now();
            ctx.log(`realistic log ${size}: ${written} events written`);
          }
        }
      }
    }
    if (rows.stream.length) await insert(client, rows);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  ctx.log(`realistic log: ${size} events cloned from the seed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    url,
    size,
    accounts: s.accounts,
    fundId: s.accounts.fundId,
    mix: s.mix,
    seedEvents: s.events.length,
    env: {
      DATABASE_URL: url,
      PERSONAL_DATA_KEY: s.masterKey.toString('base64'),
      AUDIT_SIGNING_KEY: s.signingKeyPem,
      LOG_LEVEL: 'warn',
    },
  };
}

/** Re-seals sealed personal data for the copy's person id and renames usernames, in place (ids stay for mapText). */
function walk(value, s, mapId, mapUsername) {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, s, mapId, mapUsername);
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (typeof value.sealed === 'string' && typeof value.personId === 'string') {
    const key = s.personKeys.get(value.personId);
    if (key) value.sealed = sealFields(key, mapId(value.personId), openFields(key, value.personId, value.sealed));
  }
  if (typeof value.username === 'string' && s.usernames.has(value.username)) value.username = mapUsername(value.username);
  for (const [field, inner] of Object.entries(value)) if (field !== 'sealed' && inner && typeof inner === 'object') walk(inner, s, mapId, mapUsername);
}

const emptyRows = () => ({ stream: [], revision: [], id: [], type: [], data: [], metadata: [] });

async function insert(client, rows) {
  await client.query(
    `INSERT INTO event_store.events (stream_name, revision, event_id, event_type, data, metadata)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])`,
    [rows.stream, rows.revision, rows.id, rows.type, rows.data, rows.metadata],
  );
}

export async function dropDatabase(serverUrl, url) {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Proportions of the mix, for the report: the top types with their share. */
export function describeMix(mix) {
  const total = [...mix.values()].reduce((a, b) => a + b, 0);
  return [...mix]
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${type} ${((100 * count) / total).toFixed(1)}%`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// The seed's workload: test/support/workload.ts's round, over HTTP, as caseworker, supervisor and admin.

async function driveWorkload(app, base, rounds) {
  const store = app.get(EventStore);
  const ids = app.get(IdGenerator);
  const context = createCommandContext({ actor: 'bench', correlationId: randomUUID() }, app.get(Clock), ids);
  const { unitId: rootUnitId } = await createUnit(store, context, { unitId: ids.newId(), name: '尧都区总工会', level: 'district', parent: null });
  await createAccount({ store, hasher: app.get(PasswordHasher), credentials: app.get(CredentialStore) }, context, {
    userId: ids.newId(), username: 'admin', displayName: '系统管理员', role: 'admin', unitId: rootUnitId, password: PASSWORD,
  });
  const call = async (user, method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const signIn = async (username) => {
    const response = await fetch(`${base}/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    return { status: response.status, token: (await response.json()).token };
  };
  const created = (response, what, status = 201) => {
    if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const eventually = async (fn, ms = 15_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  };
  const admin = { username: 'admin', token: (await signIn('admin')).token };
  const createUnitHttp = async (name, level, parentId) => {
    const id = created(await call(admin, 'POST', '/units', { name, level, parentId }), `unit ${name}`).id;
    await eventually(async () => created(await call(admin, 'GET', `/units/${id}`), `unit ${name} shown`, 200));
    return id;
  };
  const createUser = async (role, unitId, username) => {
    created(await call(admin, 'POST', '/accounts', { username, displayName: `${role} ${username}`, role, unitId, password: PASSWORD }), `account ${username}`);
    return { username, token: (await signIn(username)).token };
  };
  const township = await createUnitHttp('城关街道总工会', 'township', rootUnitId);
  const community = await createUnitHttp('东关社区工会', 'community', township);
  const caseworker = await createUser('caseworker', township, 'li.caseworker');
  const supervisor = await createUser('supervisor', rootUnitId, 'wang.supervisor');
  await createUser('auditor', rootUnitId, 'zhao.auditor');

  created(await call(admin, 'PUT', `/aid-policies/${rootUnitId}/approval-threshold`, { thresholdFen: 100_000 }), 'approval threshold', 200);
  const targets = `/units/${township}/targets/2026`;
  created(await call(admin, 'PUT', targets, { targets: [
    { metric: 'unions_founded', value: '20' }, { metric: 'unionization_rate', value: '8000' }, { metric: 'aid_paid_fen:living_subsidy', value: '50000000' },
  ] }), 'targets', 200);
  created(await call(admin, 'PUT', targets, { targets: [{ metric: 'unions_founded', value: '25', reason: '市总追加' }] }), 'raised target', 200);
  created(await call(admin, 'POST', `${targets}/withdrawals`, { metrics: ['unionization_rate'] }), 'withdrawn target', 200);
  const fundId = created(await call(supervisor, 'POST', '/funds', { unitId: rootUnitId, source: 'government_allocation', name: '2026年帮扶专项资金' }), 'fund').id;
  created(await call(supervisor, 'POST', `/funds/${fundId}/allocations`, { amountFen: 500_000_000, reference: '尧财社〔2026〕9号', receivedOn: '2026-07-01' }), 'allocation');
  const programmeId = created(await call(supervisor, 'POST', '/aid-programmes', {
    unitId: rootUnitId, year: 2026, kind: 'living_subsidy', name: '2026年生活救助', householdCapFen: 300_000, oneGrantPerHousehold: false,
    eligibility: { recipients: ['worker'], tiers: [], admissionLevels: [] }, opensOn: '2026-01-01', closesOn: '2026-12-31',
  }), 'aid programme').id;
  await eventually(async () => created(await call(caseworker, 'GET', `/aid-programmes/${programmeId}`), 'programme shown', 200));

  const hardshipFiles = [];
  const seekers = [];
  async function round(r) {
    const cw = (method, path, body) => call(caseworker, method, path, body);
    const sv = (method, path, body) => call(supervisor, method, path, body);
    const enterprises = [];
    for (let i = 0; i < 3; i++) {
      enterprises.push(created(await cw('POST', '/enterprises', {
        name: `尧都区第${r}-${i}号企业有限公司`, creditCode: creditCode(r * 3 + i), ownership: i === 2 ? 'state_owned' : 'non_public',
        industry: i === 1 ? 'textiles' : 'manufacturing', unitId: township, employeeCount: 20 + r + i, womenEmployeeCount: 5 + i,
      }), `enterprise ${r}-${i}`).id);
    }
    const union = (name, kind, covered) => cw('POST', '/unions', {
      name, kind, unitId: township, coveredEnterpriseIds: covered, foundedOn: '2026-03-01', chairName: '王芳',
      initialMemberCount: 10 + r, womenCommitteeFounded: r % 2 === 0, auditCommitteeFounded: true,
    });
    const unionId = created(await union(`第${r}号企业工会`, 'independent', [enterprises[0]]), `union ${r}`).id;
    created(await union(`第${r}号联合工会`, 'joint', [enterprises[1], enterprises[2]]), `joint union ${r}`);
    const talksId = await eventually(async () => created(await cw('POST', '/wage-talks', {
      scope: 'enterprise', coveredEnterpriseIds: [enterprises[0]], initiatingUnionId: unionId, offerDate: '2026-04-20',
      topics: ['wage_growth', 'minimum_wage'], unitId: township,
    }), `wage talks ${r}`).id);
    const steps = [
      ['employer-response', { decision: 'accepted', respondedOn: '2026-04-28', note: '同意协商' }],
      ['rounds', { heldOn: '2026-04-29', summary: '第一轮：工资增长幅度' }],
      ['rounds', { heldOn: '2026-04-30', summary: '第二轮：最低工资' }],
      ['agreement', { signedOn: '2026-04-30', termYears: 2, wageGrowthBasisPoints: 300 + r, minimumMonthlyWageFen: 210_000 }],
      ['adoption', { adoptedOn: '2026-05-01', delegatesPresent: 45, votesFor: 41 }],
      ['filing', { filedOn: '2026-05-01', bureau: '尧都区人力资源和社会保障局' }],
    ];
    for (const [step, body] of steps) created(await cw('POST', `/wage-talks/${talksId}/${step}`, body), `wage talks ${r} ${step}`);

    const fileId = created(await cw('POST', '/hardship-files', {
      unitId: community, name: `困难职工${r}`, residentId: womanId(1975, r), gender: 'female', phone: `138${String(10_000_000 + r).slice(-8)}`,
      address: `尧都区城关街道解放路${r}号`, enterpriseId: enterprises[0], householdSize: 3, perCapitaMonthlyIncomeFen: 65_000,
      minimumLivingStandardFen: 78_000, categories: ['illness', 'single_parent_woman'], tier: 'deep', illnessDetails: '术后化疗',
      fiveClears: { familySituation: '单亲', causeOfHardship: '本人患病', stateOfMind: '情绪稳定', employmentNeeds: '就近就业', skills: '缝纫' },
      surveyedOn: '2026-05-25', nextReviewDue: '2026-11-30',
    }), `hardship file ${r}`).id;
    hardshipFiles.push(fileId);
    created(await cw('POST', `/hardship-files/${fileId}/visits`, { occasion: 'hospitalized', visitedOn: '2026-05-30', visitors: ['王芳', '李娜'], notes: '住院中' }), `visit ${r}`);
    created(await sv('POST', `/hardship-files/${fileId}/reviews`, {
      reviewedOn: '2026-07-01', outcome: 'still_in_hardship', householdSize: 3, perCapitaMonthlyIncomeFen: r % 2 ? 120_000 + r * 100 : 60_000 + r,
      minimumLivingStandardFen: 78_000, categories: ['illness'], tier: r % 2 ? 'relative' : 'deep', nextReviewDue: '2026-12-01', notes: '病情稳定',
    }), `review ${r}`);
    created(await cw('POST', `/hardship-files/${fileId}/aid-requests`, { programme: 'medical_aid', amountRequestedFen: 50_000 + r, requestedOn: '2026-07-01', reason: '医疗费用' }), `aid request ${r}`);
    if (r % 3 === 0) created(await cw('POST', `/hardship-files/${fileId}/leaving`, { reason: 'government_support', leftOn: '2026-07-01', notes: '纳入兜底保障' }), `leaving ${r}`);

    const seekerId = created(await cw('POST', '/job-seekers', {
      name: `求职者${r}`, phone: `139${String(20_000_000 + r).slice(-8)}`, residentId: womanId(1980, r), notes: '需照顾孩子',
      kind: r % 2 ? 'migrant_worker' : 'laid_off_worker', gender: 'female', skills: ['家政', '烹饪'], wantedWork: '家政服务', unitId: community, registeredOn: '2026-03-02',
    }), `job seeker ${r}`).id;
    seekers.push(seekerId);
    const trainingId = created(await cw('POST', `/job-seekers/${seekerId}/trainings`, {
      courseType: 'domestic_service', courseName: '家政服务员培训班', provider: '临汾市第四技校', startsOn: '2026-04-01', endsOn: '2026-04-30',
    }), `training ${r}`).trainingId;
    created(await cw('POST', `/job-seekers/${seekerId}/trainings/${trainingId}/completion`, { completedOn: '2026-04-30', certified: r % 2 === 0 }), `completion ${r}`, 200);
    const fair = created(await cw('POST', '/job-fairs', {
      name: `第${r}场春风行动招聘会`, heldOn: '2026-05-08', place: '城关街道职工服务中心', unitId: township, organiser: '城关街道总工会',
      positions: [{ employer: '尧都区某家政服务有限公司', position: '家政服务员', count: 20 }, { employer: '临汾市某机械有限公司', position: '电焊工', count: 15 }],
    }), `job fair ${r}`);
    created(await cw('POST', `/job-fairs/${fair.id}/positions`, { employer: '某超市', position: '收银员', count: 8 }), `fair position ${r}`);
    await eventually(async () => created(await cw('GET', `/job-fairs/${fair.id}`), `fair ${r} shown`, 200));
    const direct = created(await cw('POST', `/job-seekers/${seekerId}/referrals`, { employer: '某物流公司', position: '搬运工', referredOn: '2026-05-06' }), `referral ${r}`);
    created(await cw('POST', `/job-seekers/${seekerId}/referrals/${direct.referralId}/outcome`, { outcome: 'not_hired', recordedOn: '2026-05-07' }), `outcome ${r}`, 200);
    const referral = created(await cw('POST', `/job-seekers/${seekerId}/referrals`, { fairId: fair.id, positionId: fair.positionIds[0], referredOn: '2026-05-08' }), `fair referral ${r}`);
    if (r % 4 !== 3) {
      created(await cw('POST', `/job-seekers/${seekerId}/rehiring`, {
        employer: '尧都区某家政服务有限公司', position: '家政服务员', startedOn: '2026-06-01', channel: 'job_fair', fairId: fair.id, referralId: referral.referralId,
      }), `rehiring ${r}`);
    }
    created(await cw('GET', `/job-seekers/${seekerId}`), `seeker ${r} read`, 200);

    const propose = (index, amountFen) => cw('POST', '/aid-grants', {
      programmeId, fundId, recipient: { kind: 'worker', unitId: township, name: `职工${r}-${index}`, residentId: womanId(1985 + index, r) }, amountFen, reason: '家庭生活困难',
    });
    const small = created(await propose(0, 80_000 + r), `small grant ${r}`);
    const large = created(await propose(1, 250_000), `large grant ${r}`);
    created(await sv('POST', `/aid-grants/${large.id}/approval`), `approval ${r}`, 200);
    created(await cw('POST', `/aid-grants/${small.id}/disbursement`, { method: 'cash', receiptReference: `XJ-${r}`, paidOn: '2026-07-01' }), `cash ${r}`, 200);
    if (r % 2 === 0) created(await cw('POST', `/aid-grants/${large.id}/disbursement`, { method: 'bank_transfer', receiptReference: `YH-${r}`, paidOn: '2026-07-01' }), `transfer ${r}`, 200);

    if (r % 10 === 0) {
      const unitId = created(await call(admin, 'POST', '/units', { name: `第${r}社区工会`, level: 'community', parentId: township }), `unit ${r}`).id;
      await createUser('caseworker', unitId, `caseworker.${r}`);
      const refused = await fetch(`${base}/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `caseworker.${r}`, password: 'not-the-password-at-all' }) });
      if (refused.status !== 401) throw new Error(`A wrong password was answered ${refused.status}`);
    }
  }
  let next = 0;
  await Promise.all(Array.from({ length: 3 }, async () => {
    for (let r = next++; r < rounds; r = next++) await round(r);
  }));
  for (const [path, id] of [['hardship-files', hardshipFiles[0]], ['job-seekers', seekers[0]]]) {
    const { personId } = created(await call(caseworker, 'GET', `/${path}/${id}`), `${path} detail`, 200);
    created(await call(admin, 'POST', `/persons/${personId}/erasure`, { reason: 'data_subject_request' }), 'erasure', 200);
  }
  await signIn('wang.supervisor');
  return { fundId, rootUnitId, password: PASSWORD, admin: 'admin', auditor: 'zhao.auditor', supervisor: 'wang.supervisor' };
}
