import { randomUUID } from 'node:crypto';
import { useProjectionTestBed } from '../../../../test/support/projection-test-bed.js';
import { IdentityProjection } from './identity.projection.js';

const bed = useProjectionTestBed();

const project = () => bed.project([new IdentityProjection()]);
const append = bed.append;

async function paths(): Promise<Record<string, string>> {
  const rows: { id: string; path: string }[] = await bed.dataSource.query(`SELECT id, path FROM read_model.units`);
  return Object.fromEntries(rows.map((row) => [row.id, row.path]));
}

describe('identity projection', () => {
  const [city, districtA, districtB, township, community] = Array.from({ length: 5 }, () => randomUUID());
  const userId = randomUUID();

  it('keeps each unit\'s path from the top, and rewrites a moved unit\'s whole subtree', async () => {
    await append(`unit-${city}`, 'UnitCreated', { unitId: city, name: '临汾市总工会', level: 'city', parentId: null });
    await append(`unit-${districtA}`, 'UnitCreated', { unitId: districtA, name: '尧都区总工会', level: 'district', parentId: city });
    await append(`unit-${districtB}`, 'UnitCreated', { unitId: districtB, name: '洪洞县总工会', level: 'district', parentId: city });
    await append(`unit-${township}`, 'UnitCreated', { unitId: township, name: '城关街道总工会', level: 'township', parentId: districtA });
    await append(`unit-${community}`, 'UnitCreated', { unitId: community, name: '东关社区工会', level: 'community', parentId: township });
    await project();
    expect((await paths())[community]).toBe(`/${city}/${districtA}/${township}/${community}/`);

    await append(`unit-${township}`, 'UnitMoved', { unitId: township, parentId: districtB, previousParentId: districtA });
    await append(`unit-${township}`, 'UnitRenamed', { unitId: township, name: '大槐树镇总工会', previousName: '城关街道总工会' });
    await project();
    const moved = await paths();
    expect(moved[township]).toBe(`/${city}/${districtB}/${township}/`);
    expect(moved[community]).toBe(`/${city}/${districtB}/${township}/${community}/`);
    expect(moved[districtA]).toBe(`/${city}/${districtA}/`);
    const [row] = await bed.dataSource.query(`SELECT name, parent_id, revision FROM read_model.units WHERE id = $1`, [township]);
    expect(row).toEqual({ name: '大槐树镇总工会', parent_id: districtB, revision: '2' });
    // The community's own row keeps its parent and revision: only its path changed.
    const [child] = await bed.dataSource.query(`SELECT parent_id, revision FROM read_model.units WHERE id = $1`, [community]);
    expect(child).toEqual({ parent_id: township, revision: '0' });
  });

  it('projects accounts and writes one access-log entry per access event, in the account\'s unit', async () => {
    await append(`account-${userId}`, 'AccountCreated', { userId, username: 'li.na', displayName: '李娜', role: 'caseworker', unitId: community });
    await append(`account-${userId}`, 'SignInFailed', { userId, reason: 'wrong_password', consecutiveFailures: 1, ip: '10.0.0.9' });
    await append(`account-${userId}`, 'AccountLocked', { userId, until: '2030-01-01T00:00:00.000Z' });
    await append(`account-${userId}`, 'AccountRoleChanged', { userId, role: 'supervisor', previousRole: 'caseworker' });
    await append('access_log-2026-11-22', 'UnknownUserSignInFailed', { client: 'api', ip: '10.0.0.7' });
    await project();

    const [account] = await bed.dataSource.query(`SELECT username, role, unit_id, status, locked_until FROM read_model.accounts WHERE id = $1`, [userId]);
    expect(account).toMatchObject({ username: 'li.na', role: 'supervisor', unit_id: community, status: 'active' });
    expect(account.locked_until.toISOString()).toBe('2030-01-01T00:00:00.000Z');

    const log: { kind: string; user_id: string | null; unit_id: string | null; ip: string | null; detail: Record<string, unknown> }[] =
      await bed.dataSource.query(`SELECT kind, user_id, unit_id, ip, detail FROM read_model.access_log ORDER BY position`);
    expect(log.map((entry) => entry.kind)).toEqual(['AccountCreated', 'SignInFailed', 'AccountLocked', 'AccountRoleChanged', 'UnknownUserSignInFailed']);
    expect(log[1]).toMatchObject({ user_id: userId, unit_id: community, ip: '10.0.0.9', detail: { reason: 'wrong_password' } });
    expect(log[4]).toMatchObject({ user_id: null, unit_id: null, ip: '10.0.0.7' });
  });

  it('rebuilds exactly the same read model when replayed from the start of the log', async () => {
    const snapshot = async () =>
      bed.dataSource.query(
        `SELECT (SELECT json_agg(u ORDER BY id) FROM read_model.units u) AS units,
                (SELECT json_agg(a ORDER BY id) FROM read_model.accounts a) AS accounts,
                (SELECT json_agg(l ORDER BY position) FROM read_model.access_log l) AS log`,
      );
    const before = await snapshot();
    await bed.dataSource.query(`DELETE FROM read_model.projection_checkpoints WHERE projection = 'identity'`);
    await bed.dataSource.query(`TRUNCATE read_model.units, read_model.accounts, read_model.access_log`);
    await project();
    expect(await snapshot()).toEqual(before);
  });
});
