/**
 * What an inline button does, packed into Telegram's callback data (at most 64 bytes). Short
 * actions are encoded in the data itself; anything longer (a long municipality name, a suggested
 * question) is stored in the database (`ChannelState`) and the button carries only a random
 * token, so both kinds keep working after a restart and on every replica. A stored action expires
 * after a week: `resolve` then returns `undefined` and the user is asked to type again.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelState } from '../../src/kernel/channel-state.ts';
import type { Logger } from '../../src/kernel/log.ts';
import type { Command, Language, QuicktestAction, QuicktestAnswer } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';

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
    // The self-assessment's buttons (issue 17) are pressed a dozen times a run: inline, not stored.
    case 'quicktest-answer':
      return `c:q:${c.value}`;
    case 'quicktest':
      return `c:t:${c.action ?? 'start'}`;
    // A reminder list's cancel button (issue 16): the subscription's id, so it works for as long
    // as the subscription exists, not a stored token's week.
    case 'cancel-reminders':
      return c.id !== undefined && c.number === undefined ? `c:r:${c.id}` : undefined;
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
  const q = /^c:q:(yes|partly|no|unknown)$/.exec(data);
  if (q) return { type: 'command', command: { kind: 'quicktest-answer', value: q[1] as QuicktestAnswer } };
  const qt = /^c:t:(start|restart|stop|markdown|share|summary)$/.exec(data);
  if (qt) return { type: 'command', command: { kind: 'quicktest', action: qt[1] as QuicktestAction } };
  const cancel = /^c:r:(\d{1,18})$/.exec(data);
  if (cancel) return { type: 'command', command: { kind: 'cancel-reminders', id: cancel[1]! } };
  const simple = /^c:(\w)$/.exec(data);
  const command = simple ? SIMPLE[simple[1]!] : undefined;
  return command ? { type: 'command', command } : undefined;
}

const SCOPE = 'telegram:button';
/** A stored action lives a week: longer than anyone keeps a chat open at one answer. */
const TOKEN_TTL_MS = 7 * 24 * 3600_000;
const TOKEN = /^t:([\w-]{1,20})$/;

export class CallbackCodec {
  /** Stored actions written by `encode` and not yet known to be in the database. */
  private pending: Array<Promise<void>> = [];

  constructor(
    private readonly state: ChannelState,
    private readonly logger: Logger,
  ) {}

  /**
   * The callback data for `action`. Synchronous, so keyboards can be built in one go; a stored
   * action is written in the background, and `flush()` must be awaited before the keyboard is sent.
   */
  encode(action: ButtonAction): string {
    const inline = encodeInline(action);
    if (inline !== undefined && Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return inline;
    const key = randomBytes(9).toString('base64url');
    // Caught at once: a rejection nobody awaits yet would otherwise be an unhandled one.
    this.pending.push(
      this.state.put(SCOPE, key, JSON.stringify(action), TOKEN_TTL_MS).catch((err: unknown) => {
        this.logger.warn(
          { err },
          'telegram: storing a button action failed; pressing it will say it expired',
        );
      }),
    );
    return `t:${key}`;
  }

  /**
   * Waits until every action `encode` stored is in the database, so a button is never pressed
   * before its token can be found. A failed write is logged: that button will say it expired.
   */
  async flush(): Promise<void> {
    const writes = this.pending;
    this.pending = [];
    await Promise.all(writes);
  }

  /**
   * What data this bot wrote in the data itself, without a database look-up: `undefined` for a
   * stored token (use `resolve`) or for data this bot did not write. For telling one button's kind
   * (a 👍/👎 row, a municipality list), whose data is always inline.
   */
  decode(data: string): ButtonAction | undefined {
    return TOKEN.test(data) ? undefined : decodeInline(data);
  }

  /** What a pressed button means: `undefined` for data this bot did not write, or an expired token. */
  async resolve(data: string): Promise<ButtonAction | undefined> {
    const token = TOKEN.exec(data);
    if (!token) return decodeInline(data);
    const stored = await this.state.get(SCOPE, token[1]!);
    return stored === undefined ? undefined : (JSON.parse(stored) as ButtonAction);
  }
}
