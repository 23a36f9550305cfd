export default async function globalTeardown() {
  await globalThis.__UNIONCASE_TEST_PG__?.stop();
}
