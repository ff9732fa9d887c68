/**
 * One JSON log line per HTTP request (pino-http). Only the method, the path without its query,
 * the status and the duration are logged: headers carry tokens, signatures and cookies, query
 * strings and bodies carry what people wrote, and client addresses are personal data.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Logger } from '../kernel/log.ts';

/** Paths polled by probes and scrapers: logged only when they fail. */
const QUIET = new Set(['/healthz', '/metrics']);

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
}

export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger: logger.child({ component: 'http' }),
    // A proxy's request id lets one request be followed across services; anything odd is replaced.
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) => ({
        id: req.id,
        method: req.method,
        path: pathOf(req.raw ?? req),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return QUIET.has(pathOf(req)) ? 'silent' : 'info';
    },
    quietReqLogger: true,
  });
}
