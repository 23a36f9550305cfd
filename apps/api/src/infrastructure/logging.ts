import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Request logs carry method, path, status and timing only: no query strings (searches name people),
 * no bodies, no headers (tokens, cookies), so personal data never reaches the logs.
 */
export function loggerOptions(level = process.env.LOG_LEVEL ?? 'info', destination?: string): Params {
  const options: Params['pinoHttp'] = {
    level,
    quietReqLogger: true,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req, res, time) => `${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode} ${Math.round(time)}ms`,
    customErrorMessage: (req, res) => `${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode}`,
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
  // A file instead of standard output, for tests that read back what was logged.
  return { pinoHttp: destination ? [options, pino.destination({ dest: destination, sync: true, mkdir: true })] : options };
}
