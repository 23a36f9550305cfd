import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { PersonalDataVault } from './personal-data.vault.js';

let database: TestDatabase;
let dataSource: DataSource;
let vault: PersonalDataVault;
const masterKey = randomBytes(32);

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = new DataSource({ type: 'postgres', url: database.connectionString, synchronize: false });
  await dataSource.initialize();
  vault = new PersonalDataVault(dataSource, masterKey);
});

afterAll(async () => {
  await dataSource.destroy();
  await database.drop();
});

describe('personal-data vault', () => {
  it('enrols one person per resident ID number, however many ask at once', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => vault.enrol(i % 2 ? '11010519491231002X' : '11010519491231002x')));
    expect(new Set(ids).size).toBe(1);
    expect(await vault.findByResidentId('11010519491231002X')).toBe(ids[0]);
    const { rows } = await database.pool.query(`SELECT count(*)::int AS n FROM personal_data.person_keys`);
    expect(rows[0].n).toBe(1);
    expect(await vault.findByResidentId('110105194912310029')).toBeNull();
  });

  it('stores neither the ID number nor the fields in readable form', async () => {
    const personId = await vault.enrol('440524188001010014');
    const sealed = await vault.seal(personId, { name: '李建国', phone: '13912345678' });
    expect(await vault.open(sealed)).toEqual({ name: '李建国', phone: '13912345678' });
    const { rows } = await database.pool.query(
      `SELECT (SELECT string_agg(encode(wrapped_key, 'escape'), '') FROM personal_data.person_keys) AS keys,
              (SELECT string_agg(encode(id_hash, 'escape'), '') FROM personal_data.resident_ids) AS hashes`,
    );
    expect(`${rows[0].keys}${rows[0].hashes}`).not.toContain('440524188001010014');
    expect(sealed.sealed).not.toContain('李建国');
  });

  it('after erasure opens nothing ever sealed for the person, forgets their ID number, and leaves others readable', async () => {
    const erased = await vault.enrol('11010519800101001X');
    const other = await vault.enrol('110105198001010028');
    const before = [await vault.seal(erased, { name: '王芳' }), await vault.seal(erased, { phone: '13700000000' })];
    const kept = await vault.seal(other, { name: '赵强' });

    expect(await vault.destroyKey(erased)).toBe('erased');
    expect(await vault.open(before[0])).toBeNull();
    expect(await vault.open(before[1])).toBeNull();
    expect(await vault.open(kept)).toEqual({ name: '赵强' });
    expect(await vault.findByResidentId('11010519800101001X')).toBeNull();
    await expect(vault.seal(erased, { name: '王芳' })).rejects.toMatchObject({ code: 'PERSONAL_DATA.PERSON_ERASED' });
    expect(await vault.destroyKey(erased)).toBe('already_erased');
    expect(await vault.destroyKey(randomUUID())).toBe('unknown');

    // Another process, with no cached key, reads the same.
    const fresh = new PersonalDataVault(dataSource, masterKey);
    expect(await fresh.open(before[0])).toBeNull();
    expect(await fresh.open(kept)).toEqual({ name: '赵强' });
    // The same ID number may be enrolled again: a new person, with nothing of the old one.
    const again = await vault.enrol('11010519800101001X');
    expect(again).not.toBe(erased);
  });

  it('refuses to start on a master key other than the one the database was set up with', async () => {
    await vault.verifyMasterKey();
    await expect(new PersonalDataVault(dataSource, randomBytes(32)).verifyMasterKey()).rejects.toThrow(/master key is not the one/);
  });
});
