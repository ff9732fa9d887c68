/**
 * What an inline button does, packed into Telegram's callback data (at most 64 bytes). Short
 * actions are encoded in the data itself, so they keep working after a restart; anything longer
 * (a long municipality name, a suggested question) is kept in a bounded in-memory table and the
 * button carries only its key. Such a button may expire: `decode` then returns `undefined` and the
 * user is asked to type again.
 */
import { randomBytes } from 'node:crypto';
import type { Command, Language } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';
import { BoundedCache } from './bounded-cache.ts';

/** Telegram rejects callback data longer than this many bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** What pressing a button means. */
export type ButtonAction =
  | { type: 'command'; command: Command }
  | { type: 'feedback'; answerId: string; vote: 'up' | 'down' }
  /** A suggested follow-up question, sent as if the user had typed it. */
  | { type: 'ask'; text: string };

const SIMPLE: Record<string, Command> = {
  s: { kind: 'start' },
  h: { kind: 'help' },
  f: { kind: 'forget-me' },
  a: { kind: 'about' },
  n: { kind: 'new-conversation' },
  w: { kind: 'show-municipality' },
  m: { kind: 'set-municipality', municipality: null },
};

function encodeInline(action: ButtonAction): string | undefined {
  if (action.type === 'feedback') return `f${action.vote === 'up' ? '+' : '-'}:${action.answerId}`;
  if (action.type === 'ask') return undefined;
  const c = action.command;
  switch (c.kind) {
    case 'set-municipality':
      return c.municipality === null ? 'c:m' : `c:m:${c.municipality}`;
    case 'choose-municipality':
      return `c:p:${c.page ?? 0}`;
    case 'set-language':
      return `c:l:${c.language}`;
    default: {
      const key = Object.keys(SIMPLE).find((k) => SIMPLE[k]!.kind === c.kind);
      return key ? `c:${key}` : undefined;
    }
  }
}

function decodeInline(data: string): ButtonAction | undefined {
  const fb = /^f([+-]):(.+)$/s.exec(data);
  if (fb) return { type: 'feedback', vote: fb[1] === '+' ? 'up' : 'down', answerId: fb[2]! };
  const m = /^c:m:(.+)$/s.exec(data);
  if (m) return { type: 'command', command: { kind: 'set-municipality', municipality: m[1]! } };
  const p = /^c:p:(\d{1,6})$/.exec(data);
  if (p) return { type: 'command', command: { kind: 'choose-municipality', page: Number(p[1]) } };
  const l = /^c:l:(\w+)$/.exec(data);
  if (l && (LANGUAGES as readonly string[]).includes(l[1]!)) {
    return { type: 'command', command: { kind: 'set-language', language: l[1] as Language } };
  }
  const simple = /^c:(\w)$/.exec(data);
  const command = simple ? SIMPLE[simple[1]!] : undefined;
  return command ? { type: 'command', command } : undefined;
}

export class CallbackCodec {
  constructor(
    /** Actions too long for the data itself; a week is longer than anyone keeps a chat open. */
    private readonly stored = new BoundedCache<string, ButtonAction>(20_000, 7 * 24 * 3600_000),
  ) {}

  encode(action: ButtonAction): string {
    const inline = encodeInline(action);
    if (inline !== undefined && Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return inline;
    const key = randomBytes(9).toString('base64url');
    this.stored.set(key, action);
    return `t:${key}`;
  }

  /** `undefined` for data this bot did not write, or a stored action that has expired. */
  decode(data: string): ButtonAction | undefined {
    const token = /^t:([\w-]+)$/.exec(data);
    return token ? this.stored.get(token[1]!) : decodeInline(data);
  }
}
