import { randomUUID } from 'node:crypto';
import { EventStore } from '#event-store';
import { PersonalDataVault } from '#personal-data';
import { api, startTestApp, type SignedInUser, type TestApp } from '../support/test-app.js';

let testApp: TestApp;
let url: string;
let vault: PersonalDataVault;
let supervisor: SignedInUser;

beforeAll(async () => {
  testApp = await startTestApp();
  url = testApp.baseUrl;
  vault = testApp.app.get(PersonalDataVault);
  supervisor = await testApp.createUser('supervisor', testApp.rootUnitId);
});

afterAll(async () => {
  await testApp?.close();
});

async function erasureEvents(personId: string) {
  return testApp.app.get(EventStore).readStream(`person-${personId}`);
}

describe('erasing a person', () => {
  it("lets an admin destroy a person's key once, records who did it and why, and makes their data unreadable", async () => {
    const personId = await vault.enrol('11010519491231002X');
    const sealed = await vault.seal(personId, { name: '张秀英', phone: '13812345678' });

    const erased = await api(url, 'POST', `/persons/${personId}/erasure`, { token: testApp.admin.token, body: { reason: 'data_subject_request' } });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ personId, erased: true, newlyErased: true });
    expect(erased.body.position).toMatch(/^\d+\/\d+$/);

    expect(await vault.open(sealed)).toBeNull();
    expect(await vault.findByResidentId('11010519491231002X')).toBeNull();
    const events = await erasureEvents(personId);
    expect(events.map((event) => event.type)).toEqual(['PersonalDataErased']);
    expect(events[0].data).toEqual({ personId, reason: 'data_subject_request' });
    expect(events[0].metadata.actor).toBe(testApp.admin.userId);

    const again = await api(url, 'POST', `/persons/${personId}/erasure`, { token: testApp.admin.token, body: { reason: 'other' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ erased: true, newlyErased: false, position: null });
    expect(await erasureEvents(personId)).toHaveLength(1);
  });

  it('is for admins only, names an unknown person 404 and a bad reason 400, and records nothing then', async () => {
    const personId = await vault.enrol('440524188001010014');
    const asSupervisor = await api(url, 'POST', `/persons/${personId}/erasure`, { token: supervisor.token, body: { reason: 'other' } });
    expect(asSupervisor.status).toBe(403);
    const unknown = await api(url, 'POST', `/persons/${randomUUID()}/erasure`, { token: testApp.admin.token, body: { reason: 'other' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PERSONAL_DATA.PERSON_NOT_FOUND');
    const badReason = await api(url, 'POST', `/persons/${personId}/erasure`, { token: testApp.admin.token, body: { reason: 'because' } });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    expect(await erasureEvents(personId)).toEqual([]);
    expect(await vault.isErased(personId)).toBe(false);
  });

  it('finds the person by the resident ID number an admin types, and answers an unknown or bad one without echoing it', async () => {
    const personId = await vault.enrol('11010519800101106X');
    const sealed = await vault.seal(personId, { name: '王芳' });
    const erased = await api(url, 'POST', '/persons/erasure', {
      token: testApp.admin.token,
      body: { residentId: '11010519800101106x', reason: 'data_subject_request' },
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ personId, erased: true, newlyErased: true });
    expect(await vault.open(sealed)).toBeNull();

    const again = await api(url, 'POST', '/persons/erasure', { token: testApp.admin.token, body: { residentId: '11010519800101106X', reason: 'other' } });
    expect(again.status).toBe(404);
    expect(again.text).not.toContain('11010519800101106');
    const badCheck = await api(url, 'POST', '/persons/erasure', { token: testApp.admin.token, body: { residentId: '110105198001011061', reason: 'other' } });
    expect(badCheck.status).toBe(400);
    expect(badCheck.body.errors).toEqual([expect.objectContaining({ field: 'residentId' })]);
    expect(badCheck.text).not.toContain('110105198001011061');
    const asSupervisor = await api(url, 'POST', '/persons/erasure', { token: supervisor.token, body: { residentId: '440524188001010014', reason: 'other' } });
    expect(asSupervisor.status).toBe(403);
  });
});
