import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/create-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  readonly baseUrl: string;
  readonly database: TestDatabase;
  readonly app: INestApplication;
  close(): Promise<void>;
}

/** The real app on a fresh database, listening on a free port: tests talk to it over HTTP. */
export async function startTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await createApp({ databaseUrl: database.connectionString, logLevel: 'silent' });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}/api`,
    database,
    app,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export interface ApiResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

export async function api<Body = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; actor?: string | null } = {},
): Promise<ApiResponse<Body>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.actor !== null) headers['x-actor'] = options.actor ?? 'caseworker-li';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Polls until `check` stops throwing: the read side follows the log within moments, not instantly. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
