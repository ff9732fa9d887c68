/**
 * A round-robin HTTP proxy on 127.0.0.1 in front of several `kumppani serve` replicas, as a load
 * balancer without session affinity would spread users: each request goes to the next replica, so
 * a conversation's turns land on different processes and only what the database holds carries
 * over. Method, path, headers and body go through unchanged, and the replica's status, headers and
 * body come back. node:http alone: the bench measures the replicas, not a proxy's features.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Requests forwarded to each target so far, in the targets' order. */
  forwarded: number[];
  /** Requests answered 502 because the replica could not be reached, by error code. */
  failures: Record<string, number>;
  /** Requests sent again on a fresh connection after a kept-alive one was found closed. */
  retried: number;
  close(): Promise<void>;
}

/** Starts a proxy that sends request k to `targets[k % targets.length]` (base URLs on 127.0.0.1). */
export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error('a proxy needs at least one target');
  const upstreams = targets.map((t) => new URL(t));
  // Kept-alive connections to the replicas, as a balancer holds them: without, every request
  // would pay a TCP handshake that the single-server runs do not.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const forwarded = targets.map(() => 0);
  const failures: Record<string, number> = {};
  let retried = 0;
  let nextTarget = 0;
  const server = http.createServer(async (req, res) => {
    const i = nextTarget++ % upstreams.length;
    forwarded[i]!++;
    const target = upstreams[i]!;
    // Bodies are small questions: read whole, so that a request can be sent again.
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      // the sender gave up (its timeout) before sending the whole body: nothing to forward
      res.destroy();
      return;
    }
    const body = Buffer.concat(chunks);
    const send = (again: boolean) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive connection the replica closed while idle, just as it was reused: the
        // request never reached it, so it is sent once more on a new connection (what Node's
        // documentation advises, and what balancers do).
        if (!again && upstream.reusedSocket && err.code === 'ECONNRESET' && !res.headersSent) {
          retried++;
          send(true);
          return;
        }
        const code = err.code ?? err.name;
        failures[code] = (failures[code] ?? 0) + 1;
        // The bench counts a 502 as an error of that request.
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`replica unreachable: ${code}`);
      });
      upstream.end(body);
    };
    send(false);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    failures,
    get retried() {
      return retried;
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
