/**
 * Every channel the server can run. A factory returns null when its variables are unset, so an
 * unconfigured channel costs nothing. Adding a channel is one line here.
 */
import { createSlackChannel } from '../../adapters/slack/index.ts';
import { createTeamsChannel } from '../../adapters/teams/index.ts';
import { createTelegramChannel } from '../../adapters/telegram/index.ts';
import { createWebChannel } from '../../adapters/web/index.ts';
import type { ChannelFactory } from '../channels/channel.ts';

export const channelFactories: ChannelFactory[] = [
  createTeamsChannel,
  createSlackChannel,
  createTelegramChannel,
  createWebChannel,
];
