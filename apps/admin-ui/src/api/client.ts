/** The API is served from the same origin; the session travels in an httpOnly cookie set by sign-in. */

export interface FieldProblem {
  field?: string;
  reason: string;
}

/** RFC 7807 problem details as the API writes them. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: FieldProblem[];
  instance?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  ifMatch?: string | number;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

let onUnauthorized: () => void = () => undefined;
/** The session provider learns here that the session has ended (401), wherever it happened. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ title: 'Network error', status: 0, code: 'NETWORK' });
  }
  if (response.status === 401 && path !== '/auth/sign-in') onUnauthorized();
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem: Problem =
      body && typeof body === 'object' && 'title' in (body as object)
        ? (body as Problem)
        : { title: response.statusText || 'Error', status: response.status };
    throw new ApiError(problem);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PUT', path, { ...options, body: body ?? {} }),
};

/** A download link for an export route; the browser sends the session cookie with it. */
export const downloadUrl = (path: string, query?: Query) => withQuery(`/api${path}`, query);

export const newIdempotencyKey = () => crypto.randomUUID();

/** A page of a server-paged list (`?page=&pageSize=`). */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
