/**
 * `kumppani municipalities [--all] [--json]`: the municipalities the index has documents for, with
 * counts; `--all` lists every municipality Kumppani recognises (Finnish and Swedish names).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../store/db.ts';
import { listMunicipalities } from '../../store/documents.ts';
import { MunicipalityRegistry } from '../../kernel/municipalities.ts';

export function register(program: Command): void {
  program
    .command('municipalities')
    .description('List the municipalities the index has documents for, with document counts')
    .option('--all', 'list every municipality Kumppani recognises, with and without documents')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
      try {
        const indexed = await listMunicipalities(db.pool, 'staff');
        const registry = new MunicipalityRegistry(indexed);
        const rows = (opts.all ? registry.ordered() : registry.ordered().filter((m) => m.documents > 0)).map(
          (m) => ({
            name: m.indexName ?? m.name,
            ...(m.sv ? { sv: m.sv } : {}),
            documents: m.documents,
          }),
        );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(rows)}\n`);
          return;
        }
        if (rows.length === 0) {
          process.stdout.write(
            'The index has no municipal documents yet. Run `kumppani ingest PATH` first.\n',
          );
          return;
        }
        const width = Math.max(...rows.map((r) => (r.sv ? `${r.name} (${r.sv})` : r.name).length));
        for (const r of rows) {
          const label = r.sv ? `${r.name} (${r.sv})` : r.name;
          process.stdout.write(`${label.padEnd(width)}  ${r.documents}\n`);
        }
      } finally {
        await db.close();
      }
    });
}
