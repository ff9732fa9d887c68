/**
 * The one place that reads the environment. Everything else receives a typed, validated `Config`.
 * A bad value stops start-up with a message that names the variable and what to set it to.
 */
import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { KumppaniError, shownValue } from './kernel/errors.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const intInRange = (min: number, max: number, dflt: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const schema = z.object({
  NODE_ENV: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: intInRange(0, 65535, 3978),
  HOST: z.string().default('0.0.0.0'),
  KUMPPANI_PUBLIC_URL: optionalString,

  DATABASE_URL: optionalString,
  KUMPPANI_DATA_DIR: z.string().default('./data'),
  KUMPPANI_KNOWLEDGE_DIR: z.string().default('./knowledge'),
  KUMPPANI_AUTO_INGEST: z.enum(['true', 'false']).default('true'),
  /** The self-assessment's questions (issue 17; default quicktest.yml in the knowledge folder), or `off`. */
  KUMPPANI_QUICKTEST_FILE: z.string().optional(),
  // Bounds on one ingested file (src/ingest/limits.ts): size on disk, a .docx's unpacked size, time, memory.
  KUMPPANI_INGEST_MAX_FILE_MB: intInRange(1, 4096, 50),
  KUMPPANI_INGEST_MAX_TEXT_MB: intInRange(1, 1024, 10),
  KUMPPANI_INGEST_MAX_INFLATED_MB: intInRange(1, 16_384, 200),
  KUMPPANI_INGEST_TIMEOUT_MS: intInRange(1000, 3_600_000, 120_000),
  KUMPPANI_INGEST_MEMORY_MB: intInRange(64, 16_384, 1024),
  /** FreeDict sv/en<->fi dictionaries (Debian's dict-freedict-*) for cross-lingual search; `off` for none. */
  KUMPPANI_DICTIONARY_DIR: z.string().default('/usr/share/dictd'),
  // Finnish morphology: builtin stemming (default), Voikko (libvoikko1 + voikko-fi) when installed, or Voikko required.
  KUMPPANI_MORPHOLOGY: z.enum(['auto', 'voikko', 'builtin']).default('builtin'),

  EMBEDDINGS_PROVIDER: z.enum(['offline', 'openai', 'azure', 'ollama']).default('offline'),
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_DIMENSIONS: intInRange(16, 4096, 0),

  KUMPPANI_ANSWER_MODE: z.enum(['extractive', 'llm']).default('extractive'),
  LLM_PROVIDER: z.enum(['openai', 'azure', 'ollama']).default('openai'),
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: intInRange(1000, 600_000, 30_000),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  AZURE_OPENAI_API_KEY: optionalString,
  AZURE_OPENAI_API_INSTANCE_NAME: optionalString,
  AZURE_OPENAI_API_DEPLOYMENT_NAME: optionalString,
  AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME: optionalString,
  AZURE_OPENAI_API_VERSION: z.string().default('2024-10-21'),
  OLLAMA_BASE_URL: z.string().default('http://127.0.0.1:11434'),

  KUMPPANI_RETENTION_DAYS: intInRange(1, 3650, 90),
  KUMPPANI_HMAC_KEY: optionalString,
  KUMPPANI_RATE_LIMIT_PER_MINUTE: intInRange(1, 10_000, 20),
  // Deadline reminders (issue 16): the lead days before each deadline, and how often the scheduler runs.
  KUMPPANI_REMINDER_DAYS: z
    .string()
    .default('14,3')
    .transform((v, ctx) => {
      const days = v.split(',').map((d) => Number(d.trim()));
      if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 365)) {
        ctx.addIssue({ code: 'custom', message: 'a comma-separated list of whole days, 0–365 (e.g. 14,3)' });
        return z.NEVER;
      }
      return [...new Set(days)].sort((a, b) => b - a);
    }),
  KUMPPANI_REMINDER_INTERVAL_MINUTES: intInRange(1, 1440, 15),
  // HTTP server (src/server): per-IP limit of the web chat API, proxy trust, embedding, shutdown grace.
  WEB_RATE_LIMIT_PER_MINUTE: intInRange(1, 100_000, 30),
  KUMPPANI_TRUST_PROXY: z.string().default(''),
  WEB_FRAME_ANCESTORS: z.string().default('*'),
  KUMPPANI_SHUTDOWN_TIMEOUT_MS: intInRange(0, 600_000, 10_000),
  // /metrics: a bearer token, or (unset) loopback clients only.
  KUMPPANI_METRICS_TOKEN: optionalString,
  // The accessibility statement at /accessibility (laki digitaalisten palvelujen tarjoamisesta 306/2019).
  KUMPPANI_ACCESSIBILITY_PROVIDER: optionalString,
  KUMPPANI_ACCESSIBILITY_EMAIL: optionalString,
  KUMPPANI_ACCESSIBILITY_STATUS: z.enum(['full', 'partial', 'none']).default('partial'),
  KUMPPANI_ACCESSIBILITY_DATE: optionalString,
  KUMPPANI_ACCESSIBILITY_ASSESSED: optionalString,
  KUMPPANI_ACCESSIBILITY_ISSUES: optionalString,
  KUMPPANI_ACCESSIBILITY_ISSUES_SV: optionalString,
  KUMPPANI_ACCESSIBILITY_ISSUES_EN: optionalString,

  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  TEAMS_ALLOW_UNAUTHENTICATED: bool,
  TEAMS_STAFF_TENANTS: csv,

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
  SLACK_AUDIENCE: z.enum(['public', 'staff']).default('public'),

  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_URL: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_API_ROOT: optionalString,
});

export type Env = z.output<typeof schema>;

/** What the Slack adapter needs (`SLACK_*`): unset tokens leave the channel off. */
export interface SlackConfig {
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  audience: 'public' | 'staff';
}

/** What the Telegram adapter needs (`TELEGRAM_*`). */
export interface TelegramConfig {
  botToken?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  apiRoot?: string;
}

/** What the Teams adapter needs (Bot Framework's `MicrosoftApp*` and `TEAMS_*`). */
export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType: Env['MicrosoftAppType'];
  tenantId?: string;
  allowUnauthenticated: boolean;
  staffTenants: string[];
}

export interface Config {
  /** Every variable as validated; channels read their own typed section below instead. */
  env: Env;
  logLevel: Env['LOG_LEVEL'];
  port: number;
  host: string;
  publicUrl?: string;
  database: { url?: string; dataDir: string };
  knowledgeDir: string;
  autoIngest: boolean;
  /** The self-assessment's questions file, or `off`; unset: `quicktest.yml` in knowledgeDir if there. */
  quicktestFile?: string;
  /** Bounds on one ingested file; the shape of `IngestLimits` in src/ingest/limits.ts. */
  ingest: {
    maxFileBytes: number;
    maxTextFileBytes: number;
    maxInflatedBytes: number;
    timeoutMs: number;
    memoryMb: number;
  };
  /** Folder of the FreeDict dictionaries for cross-lingual search, or `off`. */
  dictionaryDir: string;
  morphology: Env['KUMPPANI_MORPHOLOGY'];
  embeddings: { provider: Env['EMBEDDINGS_PROVIDER']; model?: string; dimensions: number };
  answerMode: Env['KUMPPANI_ANSWER_MODE'];
  llm: { provider: Env['LLM_PROVIDER']; model?: string; timeoutMs: number };
  retentionDays: number;
  hmacKey?: string;
  rateLimitPerMinute: number;
  /** Deadline reminders: lead days before a deadline (largest first), and the scheduler's period. */
  reminders: { days: number[]; intervalMinutes: number };
  /** What the accessibility statement at `/accessibility` says; empty fields fall back to generic text. */
  /** How long a stopping channel waits for answers in flight. */
  shutdownTimeoutMs: number;
  slack: SlackConfig;
  telegram: TelegramConfig;
  teams: TeamsConfig;
  web: { rateLimitPerMinute: number; frameAncestors: string };
  accessibility: AccessibilityConfig;
}

export interface AccessibilityConfig {
  /** The municipality or organisation that provides the service. */
  provider?: string;
  /** Where accessibility feedback goes. */
  email?: string;
  /** WCAG 2.1 AA: fully, partially or not compliant. */
  status: Env['KUMPPANI_ACCESSIBILITY_STATUS'];
  /** YYYY-MM-DD: when the statement was drawn up, and when the service was last assessed. */
  date?: string;
  assessed?: string;
  /** Known non-conformities, free text per language (sv and en fall back to fi). */
  issues: { fi?: string; sv?: string; en?: string };
}

/** Thrown when the environment cannot be turned into a working configuration. */
export class ConfigError extends KumppaniError {
  constructor(
    /** One line per bad variable: `NAME: what is wrong; set it to …`. */
    readonly problems: string[],
  ) {
    super(
      'KUMPPANI_CONFIG',
      `Configuration error:\n  ${problems.join('\n  ')}\nFix these variables (see .env.example) and start again.`,
    );
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shownValue(String(i.path[0]), source[String(i.path[0])])})`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];

  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    problems.push('DATABASE_URL: must start with postgres:// or postgresql://; unset it to use the embedded database');
  }
  if (env.KUMPPANI_ANSWER_MODE === 'llm') {
    if (env.LLM_PROVIDER === 'openai' && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      problems.push('OPENAI_API_KEY: required when KUMPPANI_ANSWER_MODE=llm and LLM_PROVIDER=openai (or set OPENAI_BASE_URL for an OpenAI-compatible server)');
    }
    if (env.LLM_PROVIDER === 'azure' && (!env.AZURE_OPENAI_API_KEY || !env.AZURE_OPENAI_API_INSTANCE_NAME || !env.AZURE_OPENAI_API_DEPLOYMENT_NAME)) {
      problems.push('AZURE_OPENAI_API_KEY, AZURE_OPENAI_API_INSTANCE_NAME, AZURE_OPENAI_API_DEPLOYMENT_NAME: all required when LLM_PROVIDER=azure');
    }
  }
  if (env.EMBEDDINGS_PROVIDER === 'openai' && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    problems.push('OPENAI_API_KEY: required when EMBEDDINGS_PROVIDER=openai');
  }
  if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (the Azure bot registration client secret)');
  }
  if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant');
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push('TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL (1-256 characters A-Z, a-z, 0-9, _ and -)');
  }
  if (env.TELEGRAM_WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{1,256}$/.test(env.TELEGRAM_WEBHOOK_SECRET)) {
    problems.push('TELEGRAM_WEBHOOK_SECRET: only A-Z, a-z, 0-9, _ and - are allowed, 1-256 characters');
  }
  for (const name of ['KUMPPANI_ACCESSIBILITY_DATE', 'KUMPPANI_ACCESSIBILITY_ASSESSED'] as const) {
    const v = env[name];
    if (v && !(/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)))) {
      problems.push(`${name}: must be a date as YYYY-MM-DD, e.g. 2026-12-01`);
    }
  }
  if (env.KUMPPANI_ACCESSIBILITY_EMAIL && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(env.KUMPPANI_ACCESSIBILITY_EMAIL)) {
    problems.push('KUMPPANI_ACCESSIBILITY_EMAIL: must be an email address, e.g. saavutettavuus@kunta.fi');
  }
  if (problems.length) throw new ConfigError(problems);

  const defaultDims: Record<Env['EMBEDDINGS_PROVIDER'], number> = { offline: 512, openai: 1536, azure: 1536, ollama: 768 };
  return {
    env,
    logLevel: env.LOG_LEVEL,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.KUMPPANI_PUBLIC_URL,
    database: { url: env.DATABASE_URL, dataDir: env.KUMPPANI_DATA_DIR },
    knowledgeDir: env.KUMPPANI_KNOWLEDGE_DIR,
    autoIngest: env.KUMPPANI_AUTO_INGEST === 'true',
    quicktestFile: env.KUMPPANI_QUICKTEST_FILE,
    ingest: {
      maxFileBytes: env.KUMPPANI_INGEST_MAX_FILE_MB * 1024 * 1024,
      maxTextFileBytes: env.KUMPPANI_INGEST_MAX_TEXT_MB * 1024 * 1024,
      maxInflatedBytes: env.KUMPPANI_INGEST_MAX_INFLATED_MB * 1024 * 1024,
      timeoutMs: env.KUMPPANI_INGEST_TIMEOUT_MS,
      memoryMb: env.KUMPPANI_INGEST_MEMORY_MB,
    },
    dictionaryDir: env.KUMPPANI_DICTIONARY_DIR,
    morphology: env.KUMPPANI_MORPHOLOGY,
    embeddings: {
      provider: env.EMBEDDINGS_PROVIDER,
      model: env.EMBEDDINGS_MODEL,
      dimensions: env.EMBEDDINGS_DIMENSIONS || defaultDims[env.EMBEDDINGS_PROVIDER],
    },
    answerMode: env.KUMPPANI_ANSWER_MODE,
    llm: { provider: env.LLM_PROVIDER, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS },
    retentionDays: env.KUMPPANI_RETENTION_DAYS,
    hmacKey: env.KUMPPANI_HMAC_KEY,
    rateLimitPerMinute: env.KUMPPANI_RATE_LIMIT_PER_MINUTE,
    reminders: { days: env.KUMPPANI_REMINDER_DAYS, intervalMinutes: env.KUMPPANI_REMINDER_INTERVAL_MINUTES },
    shutdownTimeoutMs: env.KUMPPANI_SHUTDOWN_TIMEOUT_MS,
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      audience: env.SLACK_AUDIENCE,
    },
    telegram: {
      botToken: env.TELEGRAM_BOT_TOKEN,
      webhookUrl: env.TELEGRAM_WEBHOOK_URL,
      webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
      apiRoot: env.TELEGRAM_API_ROOT,
    },
    teams: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType,
      tenantId: env.MicrosoftAppTenantId,
      allowUnauthenticated: env.TEAMS_ALLOW_UNAUTHENTICATED,
      staffTenants: env.TEAMS_STAFF_TENANTS,
    },
    web: { rateLimitPerMinute: env.WEB_RATE_LIMIT_PER_MINUTE, frameAncestors: env.WEB_FRAME_ANCESTORS },
    accessibility: {
      provider: env.KUMPPANI_ACCESSIBILITY_PROVIDER,
      email: env.KUMPPANI_ACCESSIBILITY_EMAIL,
      status: env.KUMPPANI_ACCESSIBILITY_STATUS,
      date: env.KUMPPANI_ACCESSIBILITY_DATE,
      assessed: env.KUMPPANI_ACCESSIBILITY_ASSESSED,
      issues: {
        fi: env.KUMPPANI_ACCESSIBILITY_ISSUES,
        sv: env.KUMPPANI_ACCESSIBILITY_ISSUES_SV,
        en: env.KUMPPANI_ACCESSIBILITY_ISSUES_EN,
      },
    },
  };
}

/**
 * Reads a `.env` file (as `.env.example` describes) into `env`. Variables already set win, so a
 * service manager or a shell can override the file without editing it. A missing file is not an
 * error; one with a line that is not `NAME=value` is, because Node's parser would skip that line
 * silently and the variable would quietly keep its default. Returns the names it set.
 */
export function loadEnvFile(file = '.env', env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError([`${file}: cannot be read (${(err as Error).message}); fix its permissions or remove it`]);
  }
  const bad = malformedEnvLines(text);
  if (bad.length) {
    throw new ConfigError(
      bad.map((n) => `${file} line ${n}: not NAME=value (a comment starts with #; quote values with spaces or #)`),
    );
  }
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}

/** 1-based numbers of the lines that are neither blank, a comment, `NAME=value` nor inside a quoted value. */
function malformedEnvLines(text: string): number[] {
  const bad: number[] = [];
  let openQuote: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    if (/^\s*(#|$)/.test(line)) return;
    const m = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/.exec(line);
    if (!m) {
      bad.push(i + 1);
      return;
    }
    const quote = /^["'`]/.exec(m[1]!)?.[0];
    if (quote && !m[1]!.slice(1).includes(quote)) openQuote = quote;
  });
  return bad;
}
