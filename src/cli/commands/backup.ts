/**
 * `kumppani backup FILE`: the embedded database as one gzipped tarball (PGlite's `dumpDataDir`).
 * With a running server the server writes it (it holds the database); otherwise the command opens
 * the database itself. For a PostgreSQL server (DATABASE_URL) it prints the pg_dump recipe instead:
 * that database is backed up with PostgreSQL's own tools.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.ts';
import { readAdminToken, requestBackup } from '../../server/admin.ts';
import { embeddedDataDir, openDatabase } from '../../store/db.ts';
import { indexStats } from '../../store/documents.ts';
import { localServer } from '../../store/lock.ts';

export const PG_RECIPE = `DATABASE_URL is set: Kumppani's data is in that PostgreSQL server, so back it up with PostgreSQL's tools
(the client version at least the server's):

  pg_dump --format=custom --file=kumppani.dump "$DATABASE_URL"
  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" kumppani.dump

The target database needs the pgvector extension available (e.g. the pgvector/pgvector image).
Stop the servers before pg_restore; they run any newer migrations when they start.`;

/**
 * The embedded database's directory, or undefined after printing why this command cannot work on
 * this configuration (a server database: the recipe; an in-memory one: nothing to keep).
 */
export function embeddedOrExplain(config: Config, command: string): string | undefined {
  const dir = embeddedDataDir(config.database);
  if (dir) return dir;
  process.stderr.write(
    config.database.url
      ? `${PG_RECIPE}\n`
      : `KUMPPANI_DATA_DIR=memory keeps the database in memory only: there is nothing to ${command}. Set KUMPPANI_DATA_DIR to a directory.\n`,
  );
  process.exitCode = 1;
  return undefined;
}

const megabytes = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function register(program: Command): void {
  program
    .command('backup')
    .description(
      'Write the embedded database to FILE (a .tar.gz); for DATABASE_URL, print the pg_dump recipe',
    )
    .argument('<file>', 'where to write the backup, e.g. kumppani-2026-12-01.tar.gz')
    .action(async (file: string) => {
      const config = loadConfig();
      const dataDir = embeddedOrExplain(config, 'back up');
      if (!dataDir) return;
      const target = path.resolve(file);
      const server = localServer(dataDir)?.server;
      let tarball: Buffer;
      let documents: number | undefined;
      if (server) {
        tarball = await requestBackup(server.adminUrl, readAdminToken(dataDir));
      } else {
        const db = await openDatabase({ dataDir, migrate: false });
        try {
          documents = (await indexStats(db.pool)).documents;
          tarball = Buffer.from(await (await db.dump!()).arrayBuffer());
        } finally {
          await db.close();
        }
      }
      // Written beside the target and renamed: a crash never leaves a half backup under its name.
      const tmp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, tarball, { mode: 0o600 });
      fs.renameSync(tmp, target);
      process.stdout.write(
        `Backed up the embedded database in ${dataDir} to ${file} (${megabytes(tarball.length)}` +
          `${documents === undefined ? ', written by the running server' : `, ${documents} documents`}). ` +
          'Restore it with `kumppani restore FILE`.\n',
      );
    });
}
