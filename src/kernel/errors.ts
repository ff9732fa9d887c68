/**
 * Every failure Kumppani reports to an operator, as one coded table (in the manner of Fastify's
 * `lib/errors.js`): a stable code to search logs and the README for, what failed, and what to do.
 * Each thrown error is a `KumppaniError` subclass with documented fields (in the manner of
 * grammY's `core/error.ts`); a platform's own code (Slack `invalid_auth`, Telegram 401) is kept
 * in `platformCode`, never folded into prose. Messages never carry a secret: tokens, passwords and
 * keys are named by their variable, not shown.
 *
 * What users see is never one of these: the dialogue answers them politely from the i18n tables.
 */

export const ERRORS = {
  KUMPPANI_CONFIG: {
    what: 'The environment cannot be turned into a working configuration.',
    todo: 'Fix the variables the message names (see .env.example) and start again.',
  },
  KUMPPANI_DATABASE_UNAVAILABLE: {
    what: 'The database could not be opened or reached.',
    todo: 'Check DATABASE_URL (or KUMPPANI_DATA_DIR) and that the server is up; the message says which.',
  },
  KUMPPANI_DATA_DIR_LOCKED: {
    what: 'Another live process holds the embedded database directory.',
    todo: 'Stop that process, or hand the work to it (`kumppani ingest`/`ask` do so by themselves).',
  },
  KUMPPANI_ADMIN_REQUEST: {
    what: 'The running server could not be reached through its admin endpoint, or refused the request.',
    todo: 'Run the command as the user that runs the server, on the same machine; the message says what failed.',
  },
  KUMPPANI_UNREADABLE_FILE: {
    what: 'A document could not be read as the format its name says, or broke a size, depth or time limit.',
    todo: 'Fix or replace the file (the failure line names it and the reason); the other files are indexed.',
  },
  KUMPPANI_METADATA: {
    what: "A document's front matter or metadata cannot be used.",
    todo: 'Correct the field the message names in that file.',
  },
  KUMPPANI_PROMPT_FILE: {
    what: 'A prompt file of the LLM mode is missing or empty.',
    todo: 'Restore it from the repository or point promptsDir at a complete prompts folder.',
  },
  KUMPPANI_LLM_TIMEOUT: {
    what: 'The language model did not answer in time.',
    todo: 'Nothing, for one answer (the extractive answer is given); if it repeats, raise LLM_TIMEOUT_MS or check the provider.',
  },
  KUMPPANI_SLACK_TOKEN: {
    what: 'Slack refused the configured token.',
    todo: "Set the variable the message names to the app's current token from api.slack.com/apps.",
  },
  KUMPPANI_TELEGRAM_SETUP: {
    what: "Telegram refused the bot's configuration (token, webhook).",
    todo: 'Follow the message: copy the token from @BotFather, or fix TELEGRAM_WEBHOOK_URL.',
  },
  KUMPPANI_CHANNEL_TIMEOUT: {
    what: 'A platform call or an answer did not finish in time.',
    todo: 'Nothing, once (the user is told to try again); if it repeats, check the platform and the database.',
  },
  KUMPPANI_CHANNEL_STATE_USAGE: {
    what: 'Code called the channel state with a bad scope, TTL or value (a bug, never platform input).',
    todo: 'Report it with the log line; the message names the argument.',
  },
  KUMPPANI_QUICKTEST_FILE: {
    what: "The self-assessment's questions file (knowledge/quicktest.yml) is not valid.",
    todo: 'Correct the question and field the message names (a quote must be copied word for word from its document), or set KUMPPANI_QUICKTEST_FILE=off.',
  },
  KUMPPANI_TEAMS_MANIFEST: {
    what: 'The Teams app manifest would be rejected by Teams.',
    todo: 'Change the options the message names and build the manifest again.',
  },
} as const satisfies Record<string, { what: string; todo: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The base of every error Kumppani throws on purpose. */
export class KumppaniError extends Error {
  /** A key of `ERRORS`: stable, searchable, what the README and logs name. */
  readonly code: ErrorCode;
  /** The platform's own code when a platform refused (Slack `invalid_auth`, Telegram 401). */
  readonly platformCode?: string | number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; platformCode?: string | number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.platformCode !== undefined) this.platformCode = options.platformCode;
    this.name = new.target.name;
  }

  /** What to do about it, from the table. */
  get todo(): string {
    return ERRORS[this.code].todo;
  }
}

/** Names that hold secrets: their values are never shown in a message. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|_KEY$|^DATABASE_URL$/;

/** A variable's value as an error message may show it: secrets as "(set, not shown)". */
export function shownValue(name: string, value: unknown): string {
  if (value === undefined) return 'unset';
  return SECRET_NAME.test(name) ? '(set, not shown)' : JSON.stringify(value);
}
