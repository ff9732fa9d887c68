/**
 * `kumppani serve` as a newcomer runs it (`npm start`): a fresh, empty database, the demo
 * knowledge pack ingested on start, a real answer through the web chat API, and a clean stop on
 * SIGTERM. Configuration errors stop start-up with a message that names the variable.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin/kumppani.js');

/** Only what the child needs: no channel tokens from the developer's shell leak into the test. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...extra };
}

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('kumppani serve', () => {
  it(
    'on a fresh machine ingests the knowledge pack, answers, and stops cleanly on SIGTERM',
    { timeout: 240_000 },
    async () => {
      const question = 'Milloin Routasalmen kohdeavustusta haetaan?';
      const p = run(['serve'], {
        PORT: '0',
        HOST: '127.0.0.1',
        KUMPPANI_DATA_DIR: 'memory',
        KUMPPANI_KNOWLEDGE_DIR: 'knowledge',
        LOG_LEVEL: 'info',
      });
      try {
        let url: string | undefined;
        await expect
          .poll(
            () => {
              const line = p
                .out()
                .split('\n')
                .find((l) => l.includes('Kumppani is listening'));
              url = line ? (JSON.parse(line) as { url: string }).url : undefined;
              if (p.child.exitCode !== null) throw new Error(`serve exited early:\n${p.out()}\n${p.err()}`);
              return url;
            },
            { timeout: 180_000, interval: 250 },
          )
          .toBeDefined();

        expect(p.out()).toContain('ingesting the knowledge directory');
        const health = await (await fetch(`${url}/healthz`)).json();
        expect(health.status).toBe('ok');
        expect(health.index.activeDocuments).toBeGreaterThan(5);

        const res = await fetch(`${url}/api/chat/turn`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            conversationId: 'serve-test-conv',
            userId: 'serve-test-user',
            text: question,
          }),
        });
        expect(res.status).toBe(200);
        const { reply } = await res.json();
        expect(reply.answered).toBe(true);
        expect(reply.text).toMatch(/31\.3\./);
        expect(reply.citations[0].title).toMatch(/Routasalm/);

        const metrics = await (await fetch(`${url}/metrics`)).text();
        expect(metrics).toMatch(/kumppani_answers_total\{channel="web"[^}]*\} 1/);

        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
        expect(p.out()).toContain('"msg":"stopped"');
        // Logs are structured JSON, and what people wrote stays out of them.
        for (const line of p.out().trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
        expect(p.out()).not.toContain('kohdeavustusta haetaan');
      } finally {
        if (p.child.exitCode === null) {
          p.child.kill('SIGKILL');
          await p.exited;
        }
      }
    },
  );

  it(
    'refuses to start with a bad variable and says which one and what to set it to',
    { timeout: 180_000 },
    async () => {
      // Both at once: each start loads every channel's SDK before the configuration is read.
      const p = run(['serve'], { PORT: 'eighty', KUMPPANI_DATA_DIR: 'memory' });
      const teams = run(['serve'], {
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        KUMPPANI_DATA_DIR: 'memory',
      });
      expect(await p.exited).toBe(78);
      expect(p.err()).toContain('PORT: must be a whole number from 0 to 65535 (got "eighty")');
      expect(p.err()).toContain('.env.example');
      expect(await teams.exited).toBe(78);
      expect(teams.err()).toContain('MicrosoftAppPassword: required when MicrosoftAppId is set');
    },
  );
});
