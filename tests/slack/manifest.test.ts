/** The app manifest asks for exactly what the adapter uses, and points Slack at the adapter's path. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/index.ts';
import { SLASH_COMMAND } from '../../adapters/slack/listeners.ts';
import { BOT_EVENTS, BOT_SCOPES } from '../../adapters/slack/manifest.ts';
import { parseSlashText } from '../../adapters/slack/turn.ts';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; url: string; usage_hint: string }>;
    app_home: { messages_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(
  readFileSync(new URL('../../slack-app-manifest.yml', import.meta.url), 'utf8'),
) as Manifest;

describe('slack-app-manifest.yml', () => {
  it('grants exactly the scopes the adapter uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(BOT_SCOPES).sort());
  });

  it('subscribes exactly the events the listeners handle', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
  });

  it('sends events, the slash command and button presses to /slack/events, with DMs and interactivity on', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('hints at /kumppani words the vocabulary reads as commands', () => {
    const hints = manifest.features.slash_commands[0]!.usage_hint.split('|').map((h) => h.trim());
    const words = hints.filter((h) => !h.startsWith('['));
    expect(words.length).toBeGreaterThanOrEqual(3);
    const commands = words.map((w) => parseSlashText(w.replace('NIMI', 'Routasalmi')).command);
    expect(commands).toEqual([
      { kind: 'set-municipality', municipality: 'Routasalmi' },
      { kind: 'set-municipality', municipality: null },
      { kind: 'help' },
    ]);
  });
});
