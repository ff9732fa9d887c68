/**
 * What the Slack app must be granted, and why; `slack-app-manifest.yml` lists exactly these (a
 * test holds the two together), so a workspace admin grants nothing the bot does not use.
 */
export const BOT_SCOPES: Record<string, string> = {
  'app_mentions:read': 'receive @Kumppani mentions in channels (app_mention)',
  'channels:history': 'receive replies in public-channel threads the bot answered (message.channels)',
  'groups:history': 'receive replies in private-channel threads the bot answered (message.groups)',
  'im:history': 'receive direct messages to the bot (message.im)',
  'chat:write': 'post answers (chat.postMessage) and feedback acknowledgements (chat.postEphemeral)',
  commands: 'the /kumppani slash command',
};

/** Events API subscriptions the listeners handle. */
export const BOT_EVENTS = ['app_mention', 'message.channels', 'message.groups', 'message.im'] as const;
