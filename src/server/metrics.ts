/**
 * Prometheus metrics. One registry per server (not prom-client's global one) so that tests and
 * several servers in one process never share counters. Channels are counted by wrapping the
 * Assistant (`meterAssistant`), so no adapter has to remember to count anything.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import client from 'prom-client';
import type { Assistant, Channel, FeedbackInput, Reply, Turn } from '../kernel/types.ts';

/** Seconds; answers range from a few ms (extractive) to tens of seconds (LLM). */
const ANSWER_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The server's metrics and the registry `/metrics` renders. */
export interface Metrics {
  registry: client.Registry;
  /** HTTP requests by the channel whose route took them (`web`, `teams`, …, `health`, `other`). */
  httpRequests: client.Counter<'channel' | 'method' | 'status'>;
  httpDuration: client.Histogram<'channel'>;
  /** Turns handled by the Assistant, by channel and reply kind (`answer`, `command`, `notice`, `error`). */
  turns: client.Counter<'channel' | 'kind'>;
  /** Questions the documents answered. */
  answers: client.Counter<'channel'>;
  /** Questions the documents did not answer (refusals): the list to improve the knowledge pack from. */
  unanswered: client.Counter<'channel'>;
  /** Time to produce a reply, by channel and reply kind. */
  latency: client.Histogram<'channel' | 'kind'>;
  feedback: client.Counter<'channel' | 'vote'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ app: 'kumppani' });
  if (opts.defaultMetrics !== false)
    client.collectDefaultMetrics({ register: registry, prefix: 'kumppani_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new client.Counter({
      name: 'kumppani_http_requests_total',
      help: 'HTTP requests, by the channel whose route took them, method and status code',
      labelNames: ['channel', 'method', 'status'] as const,
      registers,
    }),
    httpDuration: new client.Histogram({
      name: 'kumppani_http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by channel',
      labelNames: ['channel'] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    turns: new client.Counter({
      name: 'kumppani_turns_total',
      help: 'Messages and commands handled by the assistant, by channel and reply kind',
      labelNames: ['channel', 'kind'] as const,
      registers,
    }),
    answers: new client.Counter({
      name: 'kumppani_answers_total',
      help: 'Questions answered from the documents, by channel',
      labelNames: ['channel'] as const,
      registers,
    }),
    unanswered: new client.Counter({
      name: 'kumppani_unanswered_total',
      help: 'Questions the documents could not answer, by channel',
      labelNames: ['channel'] as const,
      registers,
    }),
    latency: new client.Histogram({
      name: 'kumppani_reply_duration_seconds',
      help: 'Time to produce a reply in seconds, by channel and reply kind',
      labelNames: ['channel', 'kind'] as const,
      buckets: ANSWER_BUCKETS,
      registers,
    }),
    feedback: new client.Counter({
      name: 'kumppani_feedback_total',
      help: 'Feedback votes on answers, by channel and vote',
      labelNames: ['channel', 'vote'] as const,
      registers,
    }),
  };
}

function record(metrics: Metrics, channel: Channel, started: bigint, reply: Reply | undefined): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kind = reply?.kind ?? 'error';
  metrics.turns.inc({ channel, kind });
  metrics.latency.observe({ channel, kind }, seconds);
  if (reply?.kind === 'answer') (reply.answered ? metrics.answers : metrics.unanswered).inc({ channel });
}

/**
 * Wraps an Assistant so that every turn and vote is counted under its channel. The wrapper keeps
 * the Assistant interface and `close` (ClosableAssistant), so it can stand in anywhere.
 */
export function meterAssistant<A extends Assistant>(assistant: A, metrics: Metrics): A {
  const metered: Assistant = {
    async handle(turn: Turn): Promise<Reply> {
      const started = process.hrtime.bigint();
      let reply: Reply | undefined;
      try {
        reply = await assistant.handle(turn);
        return reply;
      } finally {
        record(metrics, turn.channel, started, reply);
      }
    },
    async feedback(input: FeedbackInput): Promise<void> {
      await assistant.feedback(input);
      metrics.feedback.inc({ channel: input.channel, vote: input.vote });
    },
    municipalities: (audience) => assistant.municipalities(audience),
  };
  if (assistant.handleStream) {
    const stream = assistant.handleStream.bind(assistant);
    metered.handleStream = async (turn, onToken) => {
      const started = process.hrtime.bigint();
      let reply: Reply | undefined;
      try {
        reply = await stream(turn, onToken);
        return reply;
      } finally {
        record(metrics, turn.channel, started, reply);
      }
    };
  }
  const closable = assistant as Assistant & { close?: () => Promise<void> };
  if (typeof closable.close === 'function') {
    (metered as Assistant & { close: () => Promise<void> }).close = () => closable.close!();
  }
  return metered as A;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read `/metrics`: with `KUMPPANI_METRICS_TOKEN`, a request carrying it as a bearer
 * token; without one, only a client on this machine. The client is `req.ip`, so behind a trusted
 * proxy (`KUMPPANI_TRUST_PROXY` a hop count or addresses) it is the forwarded address; a request
 * that came through a proxy the server does not trust is refused too, since its socket address
 * would be the proxy's loopback address whoever sent it.
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  const wanted = token === undefined ? undefined : sha256(token);
  return (req, res, next) => {
    if (wanted) {
      const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      // Hashes have one length, so the comparison takes the same time whatever was sent.
      if (given !== undefined && timingSafeEqual(sha256(given), wanted)) return next();
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="kumppani-metrics"')
        .json({ error: 'Send the metrics token (KUMPPANI_METRICS_TOKEN) as "Authorization: Bearer TOKEN".' });
      return;
    }
    // `trust proxy` true believes any X-Forwarded-For, so anyone could claim 127.0.0.1: then, as
    // without a trusted proxy, only a direct, unforwarded connection from this machine counts.
    const trust: unknown = req.app.get('trust proxy');
    const believesAnyone = !trust || trust === true;
    const forwarded = (req.get('x-forwarded-for') ?? req.get('forwarded')) !== undefined;
    const client = believesAnyone ? req.socket.remoteAddress : req.ip;
    if (LOOPBACK.test(client ?? '') && !(believesAnyone && forwarded)) return next();
    res.status(403).json({
      error:
        'The metrics are served only to this machine. Set KUMPPANI_METRICS_TOKEN and send it as "Authorization: Bearer TOKEN" to read them from elsewhere.',
    });
  };
}
