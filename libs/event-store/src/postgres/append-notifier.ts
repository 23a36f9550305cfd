import pg from 'pg';

export const APPENDED_CHANNEL = 'event_store_appended';

/**
 * One LISTEN connection per store, shared by every subscription: wakes waiting readers when an append commits.
 * Readers still poll on a timer, because a commit can become readable later than its notification
 * (it waits behind an older open transaction) and because a listen connection can drop.
 */
export class AppendNotifier {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private waiters = new Set<() => void>();
  private generation = 0;

  constructor(
    private readonly connectionConfig: pg.ClientConfig,
    private readonly onError: (error: Error) => void,
  ) {}

  /** A counter that moves on every notification; compare before and after a read to know whether to wait. */
  get currentGeneration(): number {
    return this.generation;
  }

  async start(): Promise<void> {
    if (this.client) return;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    await this.connecting;
  }

  /** Resolves on the next notification after `seenGeneration`, after `timeoutMs`, or when aborted. */
  waitForAppend(seenGeneration: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.generation !== seenGeneration || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  /** Wakes this process's waiting readers at once, without a round trip through the database. */
  wakeLocal(): void {
    this.generation++;
    for (const wake of [...this.waiters]) wake();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const wake of [...this.waiters]) wake();
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.connectionConfig);
    client.on('notification', () => this.wakeLocal());
    client.on('error', (error) => {
      this.onError(error);
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${APPENDED_CHANNEL}`);
    this.client = client;
  }
}
