/**
 * `kumppani serve` in a child process on 127.0.0.1 and a free port, for tests that need the real
 * wiring (the lock, the admin endpoint, the folder watcher). `stop()` sends SIGTERM and waits.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'bin/kumppani.js');

/** Only what the child needs: no channel tokens or DATABASE_URL from the developer's shell. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface ServeProcess {
  url: string;
  pid: number;
  /** Everything the server logged so far. */
  log(): string;
  stop(): Promise<number | null>;
}

export async function startServe(env: Record<string, string>, cwd = ROOT): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd,
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 120 s:\n${out}`)), 120_000);
    const check = (): void => {
      const line = out.split('\n').find((l) => l.includes('Kumppani is listening'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    log: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** One web chat turn; the reply the user would read. */
export async function ask(url: string, text: string): Promise<{ answered: boolean; text: string }> {
  const res = await fetch(`${url}/api/chat/turn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ conversationId: `test-${randomUUID()}`, userId: 'test-user', text }),
  });
  if (!res.ok) throw new Error(`chat turn: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { reply: { answered: boolean; text: string } }).reply;
}

/** One `kumppani` command in a child process, as an operator runs it. */
export function runKumppani(
  args: string[],
  env: Record<string, string>,
  cwd = ROOT,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: childEnv({ LOG_LEVEL: 'error', ...env }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
