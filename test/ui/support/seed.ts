import { seedDemoFederation, type Federation } from '../../../apps/api/src/cli/demo-federation.js';

export type { Federation };
export { shanghaiToday } from '../../../apps/api/src/cli/demo-federation.js';

/** The demo federation, with one password for every account, made on the server under test. */
export function seedFederation(apiUrl: string, adminPassword: string): Promise<Federation> {
  return seedDemoFederation({ apiUrl, adminUsername: 'admin', adminPassword, password: 'Huaihe-road-2026!' });
}
