/**
 * The core contracts. Adapters translate a platform event into a `Turn`, hand it to the
 * `Assistant`, and render the `Reply` in the platform's own format. Nothing here knows any platform.
 */

/** Where a turn came from. */
export type Channel = 'teams' | 'slack' | 'telegram' | 'web' | 'cli';

/** `staff` may see documents marked for municipal staff; everyone else is `public`. */
export type Audience = 'public' | 'staff';

/** The languages Kumppani answers in. */
export type Language = 'fi' | 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

/**
 * A structured command, from a button, a slash command or a card action. Free text that *looks*
 * like a command ("/kunta Iisalmi", "vaihda kunta") is parsed by the dialogue into one of these.
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'start' }
  /** `municipality: null` clears the choice (answer from every municipality's documents). */
  | { kind: 'set-municipality'; municipality: string | null }
  | { kind: 'show-municipality' }
  /** Ask for the list of municipalities to choose from (page is 0-based). */
  | { kind: 'choose-municipality'; page?: number }
  | { kind: 'set-language'; language: Language }
  | { kind: 'forget-me' }
  | { kind: 'about' }
  | { kind: 'new-conversation' }
  /**
   * Subscribe to deadline reminders (issue 16): `municipality` absent = the conversation's chosen
   * one, null = every municipality; `grantKinds` (nominative, lower-case, as the events store them)
   * only those kinds' deadlines, absent or empty = every kind.
   */
  | { kind: 'remind'; municipality?: string | null; grantKinds?: string[] }
  | { kind: 'list-reminders' }
  /**
   * Cancel reminders: all of the user's, or one: `number` as the list shows it ("peru 2"), or the
   * subscription's `id` (a cancel button, which must not depend on the list's order).
   */
  | { kind: 'cancel-reminders'; number?: number; id?: string }
  /**
   * The self-assessment (issue 17): start or resume, start over, abandon, the result as Markdown,
   * share the finished result with the regional organisers, or (Slack) the shared results' summary.
   */
  | { kind: 'quicktest'; action?: QuicktestAction }
  /** An answer to the self-assessment's current question. */
  | { kind: 'quicktest-answer'; value: QuicktestAnswer };

export type QuicktestAction = 'start' | 'restart' | 'stop' | 'markdown' | 'share' | 'summary';
export type QuicktestAnswer = 'yes' | 'partly' | 'no' | 'unknown';

/** One message from a user, in platform-neutral form. */
export interface Turn {
  channel: Channel;
  /** The chat, channel or web session the message was posted in. */
  conversationId: string;
  /** The platform's user id; the core pseudonymises it before storing anything. */
  userId: string;
  /** The user's text with platform markup and bot mentions already removed. */
  text: string;
  /** Thread (Slack thread_ts, Teams reply chain); follow-ups inside a thread share its session. */
  threadId?: string;
  /** The platform's locale hint, e.g. `fi-FI`, used when the text is too short to detect. */
  locale?: string;
  audience: Audience;
  /** True in group chats/channels: the municipality choice then belongs to the conversation, not the user. */
  isGroup?: boolean;
  /** Set instead of (or beside) text when the user pressed a button or used a slash command. */
  command?: Command;
  /**
   * Where the bot can write to this conversation later by itself (a deadline reminder), when that
   * takes more than `conversationId`: a Teams conversation reference as JSON. Absent: the id.
   */
  deliveryAddress?: string;
}

/** Where a piece of an answer comes from. */
export interface Citation {
  /** The file's path as ingested (relative to the ingest root). */
  source: string;
  title: string;
  /** Section path, e.g. "Avustukset › Toiminta-avustus". */
  section?: string;
  page?: number;
  url?: string;
  municipality?: string;
  /** ISO date (YYYY-MM-DD) of the document version. */
  date?: string;
  /** The sentence(s) quoted from the document, in the document's language. */
  quote?: string;
  /** Retrieval score (higher is better); comparable within one answer only. */
  score: number;
}

/** A button the adapter may render; pressing it sends `command` back as a `Turn`. */
export interface Choice {
  label: string;
  command: Command;
}

/**
 * A run of answer text and the 1-based citation numbers it rests on (`cite: [2]` is
 * `citations[1]`; `[]` when it rests on none). `text` is plain document or model text: a "[2]" or
 * a leading "• Foo:" inside it is text, never a citation or a list item.
 */
export interface Part {
  text: string;
  cite: number[];
}

/**
 * What a reply says, as data: each channel renders these with its own markup (Block Kit, Adaptive
 * Card, Telegram HTML, web DOM, plain text), and no renderer reads structure back out of text.
 */
export type Block =
  /** One paragraph of an answer: quoted sentences or the model's text, part by part with citations. */
  | { kind: 'answer'; parts: Part[] }
  /** A regional comparison: what each municipality's documents say, the name a field of its own. */
  | { kind: 'municipalities'; items: Array<{ municipality: string; parts: Part[] }> }
  /**
   * The documents did not answer. `text` says so and what was searched for (`searched`, the same
   * terms); `contact` is the contact person the municipality's documents name, with its source;
   * without a municipality, `hint` asks the user to choose one.
   */
  | { kind: 'refusal'; text: string; searched?: string[]; contact?: Part; hint?: string }
  /** The municipality the answer speaks of ("Vastaus koskee: X"): `text` is the whole line. */
  | { kind: 'heading'; text: string; municipality: string }
  /** Plain text from the dialogue or the answer layer: help, errors, confirmations, intros, notes. */
  | { kind: 'notice'; text: string };

/**
 * What the core answers. `blocks` is the source of truth; `text` is their plain rendering
 * (`plainText` in kernel/blocks.ts), made once, for the CLI, evaluation and logs. Suggestions and
 * choices stay typed fields beside the blocks: they are controls (buttons, keyboards, card
 * actions) each platform places in its own spot, not content in the reply's flow.
 */
export interface Reply {
  /** Id of this answer, for feedback (👍/👎) and the query log. */
  id: string;
  /** `answer` for a question, `command` for a command's confirmation, `notice` for help, errors and limits. */
  kind: 'answer' | 'command' | 'notice';
  blocks: Block[];
  /** `plainText(blocks)`: markers as "[n]", comparison lines as "• Name: …". */
  text: string;
  /** True when the documents answered the question; false for refusals and notices. */
  answered: boolean;
  language: Language;
  /** Numbered in order: `cite: [1]` in a block (and `[1]` in `text`) is `citations[0]`. */
  citations: Citation[];
  /** The municipality the answer speaks of, when one was chosen or detected. */
  municipality?: string;
  /** Follow-up questions the user might ask next. */
  suggestions?: string[];
  /** Buttons (municipality list, language, …). */
  choices?: Choice[];
  /**
   * A document to copy (the self-assessment's result as Markdown for a board memo). Its text is
   * also the reply's notice; channels that can offer it verbatim (a code block) do so.
   */
  markdown?: string;
}

/** A 👍/👎 on an answer. */
export interface FeedbackInput {
  answerId: string;
  channel: Channel;
  userId: string;
  vote: 'up' | 'down';
  comment?: string;
}

/** A municipality the index has documents for. */
export interface MunicipalityInfo {
  name: string;
  documents: number;
  /** Its Swedish name, when the documents give one (bilingual municipalities). */
  sv?: string;
}

/**
 * The channel-agnostic heart every adapter calls. Implementations must never throw for bad user
 * input: they return a polite `Reply` instead. They may throw only when the system itself is broken.
 */
export interface Assistant {
  handle(turn: Turn): Promise<Reply>;
  /** Like `handle`, but calls `onToken` with partial answer text as it is produced (LLM mode). */
  handleStream?(turn: Turn, onToken: (partial: string) => void): Promise<Reply>;
  feedback(input: FeedbackInput): Promise<void>;
  /**
   * Municipalities with documents the audience may read, with how many (default `staff`: all).
   * A public channel asks for `public`, so staff-only documents are neither counted nor named.
   */
  municipalities(audience?: Audience): Promise<MunicipalityInfo[]>;
}
