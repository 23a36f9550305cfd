import { api, startTestApp, type TestApp } from './support/test-app.js';

let testApp: TestApp;
let document: any;

beforeAll(async () => {
  testApp = await startTestApp();
  const response = await api(testApp.baseUrl, 'GET', '/openapi.json');
  expect(response.status).toBe(200);
  document = response.body;
});

afterAll(async () => {
  await testApp?.close();
});

const CHINESE = /[\u4e00-\u9fff]/;
const ENGLISH = /[A-Za-z]{3,}/;
const bilingual = (text: unknown) => typeof text === 'string' && CHINESE.test(text) && ENGLISH.test(text);

/** Every field a caseworker fills in, through every request body and query, in the OpenAPI document. */
function fieldsOf(schema: any, path: string, schemas: Record<string, any>, seen = new Set<string>()): { path: string; description: unknown }[] {
  if (!schema) return [];
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    return fieldsOf(schemas[name], path, schemas, new Set([...seen, name]));
  }
  const nested = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return [
    ...nested.flatMap((part: any) => fieldsOf(part, path, schemas, seen)),
    ...Object.entries<any>(schema.properties ?? {}).flatMap(([name, property]) => [
      { path: `${path}.${name}`, description: property.description ?? (property.$ref ? schemas[property.$ref.replace('#/components/schemas/', '')]?.description : undefined) },
      ...fieldsOf(property.items ?? (property.properties ? property : undefined), `${path}.${name}`, schemas, seen),
    ]),
  ];
}

describe('the OpenAPI document', () => {
  it('describes every request field and query parameter in Chinese and English', () => {
    const schemas = document.components?.schemas ?? {};
    const fields: { path: string; description: unknown }[] = [];
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in === 'query') fields.push({ path: `${where} ?${parameter.name}`, description: parameter.description });
        }
        fields.push(...fieldsOf(operation.requestBody?.content?.['application/json']?.schema, `${where} body`, schemas));
      }
    }
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((field) => !bilingual(field.description)).map((field) => `${field.path}: ${JSON.stringify(field.description)}`)).toEqual([]);
  });
});
