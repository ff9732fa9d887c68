/**
 * End to end with the Microsoft 365 Agents Playground as the Teams client: the Playground's own
 * server emulates Teams and the Bot Connector, its web UI is driven headless in chromium, and our
 * server answers at /api/messages (TEAMS_ALLOW_UNAUTHENTICATED=true, as the Playground sends no
 * Bot Framework token).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { createFakeAssistant, fakeIndexStats, testConfig, type FakeAssistant } from '../server/fakes.ts';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, type Chromium } from '../web/chromium.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the Playground and resolves with its port once it says it listens. */
function startPlayground(botUrl: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        PLAYGROUND_CLI,
        '-e',
        botUrl,
        '-c',
        'msteams',
        '-p',
        String(port),
        '--service-url',
        `http://127.0.0.1:${port}/_connector`,
        '--dt',
      ],
      { cwd: ROOT, env: { ...process.env, BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`the Playground did not start within 60 s:\n${output}`)),
      60_000,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited with code ${code}:\n${output}`));
    });
  });
}

describe.skipIf(!hasChromium)('Teams end to end with the Microsoft 365 Agents Playground', () => {
  let server: KumppaniServer;
  let assistant: FakeAssistant;
  let playground: ChildProcess | undefined;
  let playgroundPort: number;
  let browser: Chromium;

  beforeAll(async () => {
    assistant = createFakeAssistant();
    server = await createServer({
      config: testConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant,
      indexStats: fakeIndexStats,
      channels: [createTeamsChannel],
    });
    const { port } = await server.start({ port: 0, host: '127.0.0.1' });
    const started = await startPlayground(`http://127.0.0.1:${port}/api/messages`, await freePort());
    playground = started.child;
    playgroundPort = started.port;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((resolve) => playground!.once('exit', resolve));
      playground.kill('SIGTERM');
      await exited;
    }
    await server?.stop();
  });

  it(
    'shows the welcome card, answers a typed question with a card, and stores 👍 from it',
    { timeout: 180_000 },
    async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`http://127.0.0.1:${playgroundPort}/`);

      // Installing the app in the Playground's personal chat sends conversationUpdate: the welcome card.
      await page.getByText('Hei, olen Kumppani!').first().waitFor({ timeout: 60_000 });

      const compose = page.locator('[data-lexical-editor="true"][role="textbox"]');
      await compose.click();
      await page.keyboard.type('Milloin toiminta-avustusta haetaan?');
      await page.keyboard.press('Enter');

      await page.getByText('Lähteet').first().waitFor({ timeout: 60_000 });
      await expect
        .poll(() => assistant.turns.some((t) => t.text === 'Milloin toiminta-avustusta haetaan?'))
        .toBe(true);
      expect(assistant.turns.find((t) => t.text)).toMatchObject({
        channel: 'teams',
        audience: 'public',
        isGroup: false,
      });
      await page.getByRole('link', { name: 'Iisalmen avustusohje' }).first().waitFor();

      await page.getByRole('button', { name: '👍' }).first().click();
      await page.getByText('Kiitos palautteesta!').first().waitFor({ timeout: 60_000 });
      expect(assistant.votes).toEqual([expect.objectContaining({ channel: 'teams', vote: 'up' })]);
      await page.close();
    },
  );
});

// Without chromium the suite above is skipped; say why in the report.
if (!hasChromium) it.skip(NO_CHROMIUM_MESSAGE, () => {});
