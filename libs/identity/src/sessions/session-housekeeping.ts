import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '#shared-kernel';
import { SessionStore } from './session-store.js';

const KEEP_DAYS = 30;
const EVERY_MS = 60 * 60_000;

/** Once an hour, drops session rows that ended more than 30 days ago, so the table holds what can still be used. */
@Injectable()
export class SessionHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      const forgotten = await this.sessions.forgetEndedBefore(new Date(this.clock.now().getTime() - KEEP_DAYS * 86_400_000));
      if (forgotten) this.logger.log(`Forgot ${forgotten} sessions that ended more than ${KEEP_DAYS} days ago`);
      return forgotten;
    } catch (error) {
      this.logger.warn(`Session housekeeping failed, will try again: ${(error as Error).message}`);
      return 0;
    }
  }
}
