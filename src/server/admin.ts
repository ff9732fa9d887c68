/**
 * The running server's local admin endpoint, so that `kumppani ingest`, `kumppani backup` and
 * `kumppani ask` can hand their work to the one process that may open the embedded database.
 *
 * It listens on loopback only, on a port of its own: the public server usually listens on
 * 0.0.0.0 behind a reverse proxy, whose requests all come from 127.0.0.1, so a path on the public
 * port could not be told apart from a local operator. Every request needs the bearer token that
 * the server writes, readable by its own user only, into the data directory at each start.
 *
 * `POST /ingest` answers with NDJSON lines (`AdminEvent`), one per failure and progress step and a
 * summary last, so that a long run streams what a local ingest would print and no client timeout
 * fires while documents are parsed.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Answer, AskOptions } from '../answer/types.ts';
import type { IngestFailure, IngestOptions, IngestSummary } from '../ingest/pipeline.ts';
import type { Logger } from '../kernel/log.ts';
import { KumppaniError } from '../kernel/errors.ts';

export const ADMIN_TOKEN_FILE = 'admin-token';

/** What the server does for an admin request; `serve` passes its serialised ingest. */
export interface AdminHandlers {
  ingest(
    paths: string[],
    opts: Pick<IngestOptions, 'prune' | 'cwd' | 'onStart' | 'onProgress' | 'onFailure'>,
  ): Promise<IngestSummary>;
  /** The embedded database as a tarball. */
  backup?(): Promise<Blob>;
  /** One question answered from the index, as `kumppani ask` would answer it. */
  ask?(question: string, opts: AskOptions): Promise<Answer>;
}

/** One line of `POST /ingest`'s answer. */
export type AdminEvent =
  | { type: 'start'; total: number }
  | { type: 'progress'; done: number; total: number; file: string }
  | { type: 'failure'; failure: IngestFailure }
  | { type: 'alive' }
  | { type: 'summary'; summary: IngestSummary }
  | { type: 'error'; message: string };

export interface AdminServer {
  url: string;
  close(): Promise<void>;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function requireToken(token: string) {
  const expected = digest(token);
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (given && timingSafeEqual(digest(given), expected)) return next();
    res.status(401).json({
      error:
        'Missing or wrong admin token. Run the command as the user that runs the server, on the same machine, ' +
        `so that it can read ${ADMIN_TOKEN_FILE} in the data directory.`,
    });
  };
}

/** Sends a keep-alive line while a long ingest is silent: proxies and clients drop idle streams. */
const ALIVE_MS = 15_000;

export function adminApp(opts: { token: string; handlers: AdminHandlers; logger: Logger }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requireToken(opts.token));
  app.use(express.json({ limit: '1mb' }));

  app.post('/ingest', async (req, res) => {
    const body = req.body as { paths?: unknown; prune?: unknown; cwd?: unknown };
    const paths = body.paths;
    if (
      !Array.isArray(paths) ||
      paths.length === 0 ||
      !paths.every((p) => typeof p === 'string') ||
      typeof body.cwd !== 'string' ||
      !path.isAbsolute(body.cwd)
    ) {
      res
        .status(400)
        .json({ error: 'Send {"paths": ["FILE or FOLDER", …], "cwd": "/absolute/dir", "prune"?: true}.' });
      return;
    }
    res.status(200).set('Content-Type', 'application/x-ndjson');
    res.flushHeaders();
    const send = (e: AdminEvent): void => {
      res.write(`${JSON.stringify(e)}\n`);
    };
    const alive = setInterval(() => send({ type: 'alive' }), ALIVE_MS);
    opts.logger.info({ paths, cwd: body.cwd }, 'ingest handed over by `kumppani ingest`');
    try {
      const summary = await opts.handlers.ingest(paths as string[], {
        prune: body.prune === true,
        cwd: body.cwd,
        onStart: (total) => send({ type: 'start', total }),
        onProgress: (done, total, file) => send({ type: 'progress', done, total, file }),
        onFailure: (failure) => send({ type: 'failure', failure }),
      });
      send({ type: 'summary', summary });
    } catch (err) {
      opts.logger.error({ err }, 'handed-over ingest failed');
      send({ type: 'error', message: (err as Error).message });
    } finally {
      clearInterval(alive);
      res.end();
    }
  });

  app.get('/backup', async (_req, res) => {
    if (!opts.handlers.backup) {
      res.status(404).json({ error: 'This server has no embedded database to back up.' });
      return;
    }
    const tar = Buffer.from(await (await opts.handlers.backup()).arrayBuffer());
    res.status(200).set('Content-Type', 'application/gzip').send(tar);
  });

  app.post('/ask', async (req, res) => {
    const body = req.body as { question?: unknown; municipality?: unknown; audience?: unknown };
    const ask = opts.handlers.ask;
    if (!ask) {
      res.status(404).json({ error: 'This server does not answer questions here.' });
      return;
    }
    if (
      typeof body.question !== 'string' ||
      !body.question.trim() ||
      (body.municipality !== undefined && typeof body.municipality !== 'string') ||
      (body.audience !== 'public' && body.audience !== 'staff')
    ) {
      res.status(400).json({
        error: 'Send {"question": "…", "audience": "public" | "staff", "municipality"?: "…"}.',
      });
      return;
    }
    try {
      res.status(200).json(
        await ask(body.question, {
          audience: body.audience,
          ...(body.municipality ? { municipality: body.municipality } : {}),
        }),
      );
    } catch (err) {
      opts.logger.error({ err }, 'handed-over question failed');
      res.status(500).json({ error: `The server could not answer: ${(err as Error).message}` });
    }
  });

  app.use((_req, res) => {
    res
      .status(404)
      .json({ error: 'Not found. The admin endpoint has POST /ingest, POST /ask and GET /backup.' });
  });
  return app;
}

/** Listens on 127.0.0.1 (port 0: any free port). */
export async function startAdmin(opts: {
  token: string;
  handlers: AdminHandlers;
  logger: Logger;
  port?: number;
}): Promise<AdminServer> {
  const server = http.createServer(adminApp(opts));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A fresh token, written where only this user can read it; returns the token and its file. */
export function writeAdminToken(dataDir: string): { token: string; file: string } {
  const token = randomBytes(32).toString('base64url');
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  // Created 0600 from the start (and renamed over the old one), never briefly readable by others.
  fs.writeFileSync(tmp, token, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return { token, file };
}

/** Thrown when the running server cannot be reached or refuses the request. */
export class AdminRequestError extends KumppaniError {
  constructor(message: string, cause?: unknown) {
    super('KUMPPANI_ADMIN_REQUEST', message, { cause });
  }
}

export function readAdminToken(dataDir: string): string {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new AdminRequestError(
      `Cannot read the running server's admin token ${file} (${(err as NodeJS.ErrnoException).code}). ` +
        'Run this command as the user that runs the server.',
      err,
    );
  }
}

async function adminFetch(url: string, token: string, init: RequestInit = {}): Promise<globalThis.Response> {
  let res: globalThis.Response;
  try {
    res = await fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new AdminRequestError(
      `Cannot reach the running server's admin endpoint at ${url}: ${(err as Error).message}. ` +
        'If the server has just stopped, run the command again.',
      err,
    );
  }
  if (!res.ok) {
    const text = await res.text();
    const reason = (() => {
      try {
        return (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        return text;
      }
    })();
    throw new AdminRequestError(`The running server refused the request (HTTP ${res.status}): ${reason}`);
  }
  return res;
}

/** Asks the server at `adminUrl` to ingest; `onEvent` sees every line; resolves with the summary. */
export async function requestIngest(
  adminUrl: string,
  token: string,
  body: { paths: string[]; cwd: string; prune?: boolean },
  onEvent: (e: AdminEvent) => void,
): Promise<IngestSummary> {
  const res = await adminFetch(`${adminUrl}/ingest`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const decoder = new TextDecoder();
  let buffered = '';
  let summary: IngestSummary | undefined;
  const handle = (line: string): void => {
    if (!line.trim()) return;
    const e = JSON.parse(line) as AdminEvent;
    if (e.type === 'summary') summary = e.summary;
    if (e.type === 'error') throw new AdminRequestError(`The running server could not ingest: ${e.message}`);
    onEvent(e);
  };
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    lines.forEach(handle);
  }
  handle(buffered);
  if (!summary) {
    throw new AdminRequestError(
      'The running server stopped answering before the ingest finished; check its log, then run the command again (unchanged files are skipped).',
    );
  }
  return summary;
}

/** Asks the server at `adminUrl` one question; resolves with its answer. */
export async function requestAsk(
  adminUrl: string,
  token: string,
  body: { question: string; audience: AskOptions['audience']; municipality?: string },
): Promise<Answer> {
  const res = await adminFetch(`${adminUrl}/ask`, token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Answer;
}

/** The server's embedded database as a tarball. */
export async function requestBackup(adminUrl: string, token: string): Promise<Buffer> {
  const res = await adminFetch(`${adminUrl}/backup`, token);
  return Buffer.from(await res.arrayBuffer());
}
