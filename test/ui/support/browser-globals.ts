/**
 * The few browser globals the tests touch inside page.evaluate and init scripts. The tests compile without the
 * DOM library (it clashes with Node's fetch types), so a function that runs in the page casts globalThis to this.
 */
export interface BrowserGlobals {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  location: { pathname: string };
  /** Set by a test on a page it must not reload, and read back later. */
  stayedOpen?: boolean;
}
