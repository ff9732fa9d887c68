/**
 * Just enough of a WebSocket server (RFC 6455) to play Slack's Socket Mode endpoint in tests:
 * the upgrade handshake, unfragmented text frames, ping/pong and close. No dependency needed.
 */
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(len));
              return b;
            })(),
          ]);
  return Buffer.concat([head, payload]);
}

/** One connected client. */
export interface WsPeer {
  send(message: unknown): void;
  /** Text messages received from the client, parsed as JSON. */
  received: unknown[];
  close(): void;
}

export interface WsServer {
  peers: WsPeer[];
  close(): void;
}

/** Accepts WebSocket upgrades on `server` (any path). */
export function acceptWebSockets(server: Server, onConnect: (peer: WsPeer) => void): WsServer {
  const peers: WsPeer[] = [];
  const sockets = new Set<Duplex>();
  server.on('upgrade', (req, socket: Duplex) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    let buffer = Buffer.alloc(0);
    const peer: WsPeer = {
      received: [],
      send: (message) => socket.write(frame(0x1, Buffer.from(JSON.stringify(message)))),
      close: () => {
        socket.write(frame(0x8, Buffer.alloc(0)));
        socket.end();
      },
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0x0f;
        let len = buffer[1]! & 0x7f;
        let offset = 2;
        if (len === 126) {
          if (buffer.length < 4) return;
          len = buffer.readUInt16BE(2);
          offset = 4;
        } else if (len === 127) {
          if (buffer.length < 10) return;
          len = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        const masked = (buffer[1]! & 0x80) !== 0;
        const maskEnd = offset + (masked ? 4 : 0);
        if (buffer.length < maskEnd + len) return;
        const payload = Buffer.from(buffer.subarray(maskEnd, maskEnd + len));
        if (masked) for (let i = 0; i < len; i++) payload[i]! ^= buffer[offset + (i % 4)]!;
        buffer = buffer.subarray(maskEnd + len);
        if (opcode === 0x1) peer.received.push(JSON.parse(payload.toString('utf8')) as unknown);
        else if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          socket.write(frame(0x8, Buffer.alloc(0)));
          socket.end();
          return;
        }
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    peers.push(peer);
    onConnect(peer);
  });
  return {
    peers,
    close: () => {
      for (const s of sockets) s.destroy();
    },
  };
}
