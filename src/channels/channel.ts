/**
 * What a channel adapter gives the shared HTTP server. Each adapter is a plugin: the server mounts
 * its router at `mountPath` and starts/stops its background work. The server installs no global
 * body parser: each router parses its own body (Slack and Teams verify signatures on raw bytes).
 */
import type { Router } from 'express';
import type { Config } from '../config.ts';
import type { Assistant, Channel } from '../kernel/types.ts';
import type { Logger } from '../kernel/log.ts';
import type { ChannelState } from '../kernel/channel-state.ts';
import type { ReminderSenders } from '../kernel/ports.ts';

export interface ChannelContext {
  assistant: Assistant;
  config: Config;
  logger: Logger;
  /**
   * State that outlives the process and is shared by replicas (delivery claims, answered threads,
   * button tokens, rate limits): the channel kit (`claims.ts`, `rate-limit.ts`) composes it. The
   * composition root passes the database's; adapters never get the pool.
   */
  state: ChannelState;
  /**
   * Where a channel that can write first registers how it delivers deadline reminders (issue 16);
   * the composition root passes the scheduler. Absent: no reminders are sent.
   */
  reminders?: ReminderSenders;
}

export interface ChannelPlugin {
  name: Channel;
  /** Where the router is mounted, e.g. `/slack/events`. */
  mountPath?: string;
  router?: Router;
  /**
   * How the channel runs, shown by `/healthz` (e.g. `webhook`, `polling`, `socket mode`, or why it
   * refuses requests). Optional: absent means `enabled`.
   */
  mode?: string;
  /** Background work that needs no public URL (long polling, Socket Mode); called after listen. */
  start?(): Promise<void>;
  /** Stops background work and waits for answers in flight. */
  stop?(): Promise<void>;
}

/** Returns `null` when the channel is not configured (its variables are unset). */
export type ChannelFactory = (ctx: ChannelContext) => ChannelPlugin | null | Promise<ChannelPlugin | null>;
