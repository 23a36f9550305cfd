import { Logger, type LoggerService } from '@nestjs/common';
import { BackgroundLogger, isShuttingDown, markShuttingDown } from './shutdown.js';

const written: { level: string; message: string }[] = [];
const capture = (level: string) => (message: unknown) => void written.push({ level, message: String(message) });
const sink: LoggerService = { log: capture('log'), error: capture('error'), warn: capture('warn'), debug: capture('debug'), verbose: capture('verbose') };

describe('BackgroundLogger', () => {
  beforeAll(() => Logger.overrideLogger(sink));

  it('reports a failed batch as an error while the app runs, and at debug level once shutdown has begun', () => {
    const logger = new BackgroundLogger('AuditChain');
    logger.error('Sealing the audit chain failed: connection terminated', 'Error: connection terminated\n    at somewhere');
    expect(isShuttingDown()).toBe(false);
    markShuttingDown();
    logger.error('Sealing the audit chain failed: connection terminated', 'Error: connection terminated\n    at somewhere');
    logger.log('still logs at its own level');

    expect(written.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      'error: Sealing the audit chain failed: connection terminated',
      'debug: During shutdown: Sealing the audit chain failed: connection terminated',
      'log: still logs at its own level',
    ]);
  });
});
