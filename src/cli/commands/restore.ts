/**
 * `kumppani restore FILE [--force]`: fills the embedded database from a `kumppani backup`
 * tarball. It refuses while a process (the server) holds the data directory, and refuses to
 * replace a database that is there unless --force. Migrations run on the restored database, so
 * a backup taken by an older Kumppani is brought up to date.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../store/db.ts';
import { indexStats } from '../../store/documents.ts';
import { lockHolder } from '../../store/lock.ts';
import { embeddedOrExplain } from './backup.ts';

export function register(program: Command): void {
  program
    .command('restore')
    .description(
      'Replace the embedded database with a backup from `kumppani backup` (the server must be stopped)',
    )
    .argument('<file>', 'the backup (.tar.gz)')
    .option('--force', 'replace the database that is in KUMPPANI_DATA_DIR')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      const dataDir = embeddedOrExplain(config, 'restore');
      if (!dataDir) return;
      const holder = lockHolder(dataDir);
      if (holder) {
        process.stderr.write(
          `Process ${holder.pid} (${holder.command}, since ${holder.since}) is using the database in ${dataDir}. ` +
            'Stop it first (the server: systemctl stop kumppani, or Ctrl-C), then run the restore again.\n',
        );
        process.exitCode = 1;
        return;
      }
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (err) {
        process.stderr.write(`Cannot read the backup ${file}: ${(err as Error).message}.\n`);
        process.exitCode = 1;
        return;
      }
      const db = await openDatabase({
        dataDir,
        restoreFrom: new Blob([new Uint8Array(bytes)]),
        replace: opts.force,
      });
      try {
        const stats = await indexStats(db.pool);
        process.stdout.write(
          `Restored ${file} into ${dataDir}: ${stats.documents} documents, ${stats.chunks} chunks. Start the server with \`kumppani serve\`.\n`,
        );
      } finally {
        await db.close();
      }
    });
}
