/**
 * Structured JSON logs (pino). Secrets and message texts stay out: known secret-bearing keys are
 * redacted, and code logs lengths and ids, never what a user wrote.
 */
import pino from 'pino';

export type Logger = pino.Logger;

const REDACT = [
  'password', '*.password', 'token', '*.token', 'secret', '*.secret', 'authorization', '*.authorization',
  'headers.authorization', 'req.headers.authorization', '*.headers.authorization', 'apiKey', '*.apiKey',
  'text', '*.text', 'question', '*.question',
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'kumppani' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/** A logger that drops everything: for tests and for CLI commands whose output is the product. */
export const silentLogger: Logger = pino({ level: 'silent' });
