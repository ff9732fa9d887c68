/**
 * Bolt and the Socket Mode client log through this bridge into the app's pino logger. Their debug
 * output includes whole event payloads (what users wrote), so debug is dropped whatever the level:
 * message texts must stay out of the logs.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/kernel/log.ts';

const join = (msg: unknown[]): string =>
  msg
    .map((m) =>
      m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : JSON.stringify(m),
    )
    .join(' ');

export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const enabled = (l: LogLevel) => {
    const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
    return order.indexOf(l) >= order.indexOf(level);
  };
  return {
    debug: () => {},
    info: (...msg: unknown[]) => enabled(LogLevel.INFO) && logger.info({ source: 'bolt' }, join(msg)),
    warn: (...msg: unknown[]) => enabled(LogLevel.WARN) && logger.warn({ source: 'bolt' }, join(msg)),
    error: (...msg: unknown[]) => enabled(LogLevel.ERROR) && logger.error({ source: 'bolt' }, join(msg)),
    setLevel: (l: LogLevel) => {
      level = l === LogLevel.DEBUG ? LogLevel.INFO : l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
