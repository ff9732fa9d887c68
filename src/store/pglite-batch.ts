/**
 * The embedded database's node-postgres bridge, one call into PGlite per statement instead of one
 * per protocol message.
 *
 * PGlite's bridge (`@electric-sql/pglite/node-postgres`) hands every message node-postgres writes
 * to `execProtocolStream` on its own: a prepared statement is Bind, Describe, Execute and Sync,
 * four runs of PostgreSQL's main loop, four result parses and four file-system syncs. A server
 * reads the same messages from one socket and answers at the Sync. Here the messages up to a
 * Sync (or a Flush) are kept and handed over together, so PostgreSQL runs them in one go and
 * the replies come back in the order they always did; an error in one of them skips the rest up
 * to the Sync, as on a server. The simple protocol's Query and anything else go through at once,
 * after whatever was kept.
 */
import type { PGlite } from '@electric-sql/pglite';

type Lite = Pick<PGlite, 'waitReady' | 'execProtocolStream'>;

/** Frontend messages that wait for the Sync: Parse, Bind, Describe, Execute, Close. */
const KEPT = new Set(['P', 'B', 'D', 'E', 'C'].map((c) => c.charCodeAt(0)));

/** An object PGlite's bridge takes for a PGlite (it calls only these two), batching as above. */
export function batchedProtocol(lite: Lite): Lite {
  let kept: Uint8Array[] = [];
  let keptBytes = 0;
  return {
    get waitReady() {
      return lite.waitReady;
    },
    async execProtocolStream(message, opts) {
      if (KEPT.has(message[0]!)) {
        kept.push(message);
        keptBytes += message.length;
        return [];
      }
      if (kept.length) {
        const all = new Uint8Array(keptBytes + message.length);
        let at = 0;
        for (const m of [...kept, message]) {
          all.set(m, at);
          at += m.length;
        }
        kept = [];
        keptBytes = 0;
        message = all;
      }
      return lite.execProtocolStream(message, opts);
    },
  };
}
