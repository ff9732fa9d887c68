/**
 * Bot Framework tokens that botbuilder refuses must be a logged one-line 401, never a 500 with a
 * stack trace. The signing keys botbuilder would fetch from login.botframework.com are put in its
 * OpenID metadata cache instead, so the test runs offline and the token's signature is really checked.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/index.ts';
import { createLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { createFakeAssistant, fakeIndexStats, testConfig, type FakeAssistant } from '../server/fakes.ts';
import { startConnectorStub, type ConnectorStub } from './connector-stub.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const APP_ID = '00000000-0000-0000-0000-0000000000aa';
const METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const KID = 'test-key';

const require = createRequire(import.meta.url);
const { JwtTokenExtractor } = require('botframework-connector/lib/auth/jwtTokenExtractor.js') as {
  JwtTokenExtractor: { openIdMetadataCache: Map<string, unknown> };
};

const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A Bot Framework channel token for this bot, signed with `key`. */
function token(key: typeof stranger.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64url({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    nbf: now - 60,
    exp: now + 3600,
    serviceurl: 'http://127.0.0.1/',
  })}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

let stub: ConnectorStub;
let server: KumppaniServer;
let base: string;
let assistant: FakeAssistant;
const logLines: string[] = [];
let savedMetadata: unknown;

beforeAll(async () => {
  savedMetadata = JwtTokenExtractor.openIdMetadataCache.get(METADATA_URL);
  const pem = published.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  JwtTokenExtractor.openIdMetadataCache.set(METADATA_URL, {
    getKey: async (kid: string) => (kid === KID ? { key: pem, endorsements: [] } : null),
  });
  stub = await startConnectorStub();
  assistant = createFakeAssistant();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  server = await createServer({
    config: testConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }),
    logger: createLogger('info', sink),
    state: new MemoryChannelState(),
    assistant,
    indexStats: fakeIndexStats,
    channels: [createTeamsChannel],
  });
  base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  if (savedMetadata) JwtTokenExtractor.openIdMetadataCache.set(METADATA_URL, savedMetadata);
  else JwtTokenExtractor.openIdMetadataCache.delete(METADATA_URL);
});

describe('Teams with an app id, refusing tokens', () => {
  it('answers a bearer token with a bad signature with 401 and one warning line, no stack trace', async () => {
    logLines.length = 0;
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token(stranger.privateKey)}` },
      body: JSON.stringify({
        type: 'message',
        id: 'forged-1',
        channelId: 'msteams',
        serviceUrl: stub.url,
        from: { id: '29:user-1' },
        recipient: { id: `28:${APP_ID}` },
        conversation: { id: 'a:personal-chat-1', conversationType: 'personal' },
        text: 'Hei',
      }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/not signed by the Bot Framework/);
    expect(assistant.turns).toHaveLength(0);
    expect(stub.calls).toHaveLength(0);

    const teamsLines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const refusals = teamsLines.filter((l) => String(l.msg).startsWith('teams request refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ level: 40, reason: 'invalid signature' });
    expect(teamsLines.some((l) => Number(l.level) >= 50)).toBe(false);
    expect(logLines.join('\n')).not.toMatch(/\n\s+at |"stack"/);
  });
});
