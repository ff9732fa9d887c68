/**
 * A PGlite (with pgvector) served over the PostgreSQL wire protocol on 127.0.0.1, so tests can
 * exercise the DATABASE_URL path without a system PostgreSQL (Debian has no pgvector package here).
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface WireServer {
  url: string;
  stop(): Promise<void>;
}

export async function startPgliteServer(): Promise<WireServer> {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 10 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgres://postgres:postgres@${conn}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
