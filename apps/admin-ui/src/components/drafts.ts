import dayjs from 'dayjs';

/**
 * Half-filled forms are kept in sessionStorage: they survive a reload of the tab, and go when the tab is
 * closed, so a worker's personal data typed into a form does not linger on a shared computer.
 */
const PREFIX = 'unioncase.draft.';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function encode(value: unknown): Json {
  if (dayjs.isDayjs(value)) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encode(v)]));
  }
  return (value ?? null) as Json;
}

function decode(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    if (typeof value.$date === 'string' && Object.keys(value).length === 1) return dayjs(value.$date);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export function saveDraft(key: string, values: unknown) {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(encode(values)));
  } catch {
    // A full or blocked storage only costs the draft.
  }
}

export function loadDraft<T>(key: string): T | undefined {
  const text = sessionStorage.getItem(PREFIX + key);
  if (!text) return undefined;
  try {
    return decode(JSON.parse(text)) as T;
  } catch {
    return undefined;
  }
}

export function clearDraft(key: string) {
  sessionStorage.removeItem(PREFIX + key);
}

/** On sign-out every draft goes with the session. */
export function clearAllDrafts() {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}
