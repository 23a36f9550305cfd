import { randomBytes } from 'node:crypto';
import { deriveMasterKeys, newPersonKey, openFields, residentIdHash, sealFields, unwrapPersonKey, wrapPersonKey } from './envelope.js';
import { maskPhone, maskResidentId } from './masking.js';

const master = deriveMasterKeys(randomBytes(32));
const alice = '6f1c6d1e-1111-4c3b-9a55-000000000001';
const bob = '6f1c6d1e-1111-4c3b-9a55-000000000002';

describe('sealing personal fields', () => {
  it('opens what it sealed, and the sealed text shows none of it', () => {
    const key = newPersonKey();
    const fields = { name: '张秀英', residentId: '11010519491231002X', phone: '13812345678' };
    const sealed = sealFields(key, alice, fields);
    expect(sealed).not.toContain('张秀英');
    expect(sealed).not.toContain('11010519491231002X');
    expect(Buffer.from(sealed.slice(4), 'base64url').toString('utf8')).not.toContain('1381234');
    expect(openFields(key, alice, sealed)).toEqual(fields);
  });

  it('seals the same fields differently each time', () => {
    const key = newPersonKey();
    expect(sealFields(key, alice, { name: 'x' })).not.toEqual(sealFields(key, alice, { name: 'x' }));
  });

  it("refuses another person's key, a value moved to another person, and a tampered value", () => {
    const key = newPersonKey();
    const sealed = sealFields(key, alice, { name: '张秀英' });
    expect(() => openFields(newPersonKey(), alice, sealed)).toThrow();
    expect(() => openFields(key, bob, sealed)).toThrow();
    const bytes = Buffer.from(sealed.slice(4), 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(() => openFields(key, alice, `pd1.${bytes.toString('base64url')}`)).toThrow();
  });

  it('unwraps a wrapped key only with the same master key and person', () => {
    const key = newPersonKey();
    const wrapped = wrapPersonKey(master, alice, key);
    expect(unwrapPersonKey(master, alice, wrapped)).toEqual(key);
    expect(() => unwrapPersonKey(master, bob, wrapped)).toThrow();
    expect(() => unwrapPersonKey(deriveMasterKeys(randomBytes(32)), alice, wrapped)).toThrow();
  });

  it('hashes a resident ID number by its upper-cased form, under the installation key', () => {
    expect(residentIdHash(master, '11010519491231002x')).toEqual(residentIdHash(master, '11010519491231002X'));
    expect(residentIdHash(master, '11010519491231002X')).not.toEqual(residentIdHash(master, '110105194912310021'));
    expect(residentIdHash(master, '11010519491231002X')).not.toEqual(residentIdHash(deriveMasterKeys(randomBytes(32)), '11010519491231002X'));
  });

  it('refuses a master key of the wrong length', () => {
    expect(() => deriveMasterKeys(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('masking', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskResidentId('11010519491231002x')).toBe('1101**********002X');
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});
