/**
 * The dialogue's ports: what the dialogue service needs from storage, as small interfaces that
 * `src/store` implements (`src/store/dialogue-stores.ts`) and the composition root wires. The
 * dialogue never sees a pool or SQL, so it can be tested over fakes and run over any store.
 * Every id arrives pseudonymised (`pseudonym.ts`); texts are nulled after the retention period.
 */
import type { Audience, Channel, Language, MunicipalityInfo, Reply } from './types.ts';
import type { EventKind, UpcomingEvent } from './calendar.ts';

/** Where a turn belongs. `threadKey` is '' at a conversation's top level. */
export interface SessionScope {
  channel: Channel;
  conversationKey: string;
  threadKey: string;
  userKey: string;
  /** Group chats keep the municipality choice per conversation/thread, private chats per user. */
  isGroup: boolean;
}

/** One remembered question, for follow-ups. */
export interface StoredTurn {
  question: string;
  /** The standalone question it was condensed to. */
  query: string;
  municipality: string | null;
  answerId: string;
  language: Language;
  /** ISO timestamp. */
  at: string;
}

export interface SessionState {
  /** The chosen municipality; null = none chosen or "all municipalities". */
  municipality: string | null;
  /** True when the user (or group) made a choice, including "all". */
  municipalityChosen: boolean;
  /** Explicit language choice. */
  language: Language | null;
  /** Language of the last reply. */
  lastLanguage: Language | null;
  /** Newest first. */
  turns: StoredTurn[];
}

export interface QueryLogEntry {
  answerId: string;
  channel: Channel;
  userKey: string;
  question: string;
  /** The standalone question searched (differs from `question` for follow-ups). */
  condensed: string;
  municipality: string | null;
  language: Language;
  topic: string;
  answered: boolean;
  topScore: number | null;
  latencyMs: number;
  /** `extractive`, `llm`, or `llm-fallback` when the model failed and the extractive answer was given. */
  mode: string;
  /** Sources cited in the answer. */
  sources: string[];
}

export interface FeedbackRow {
  answerId: string;
  userKey: string;
  channel: Channel;
  vote: 'up' | 'down';
  comment?: string;
}

export interface DocumentSummary {
  source: string;
  title: string;
  municipality?: string;
  audience: 'public' | 'staff';
  language: string;
  date?: string;
  url?: string;
  active: boolean;
  chunks: number;
}

/** A period and municipality; every field optional. `to` is exclusive. */
export interface ReportFilter {
  from?: Date;
  to?: Date;
  /** Names the municipality may be logged under (e.g. Finnish name and the index's spelling). */
  municipalities?: string[];
}

export interface Totals {
  questions: number;
  answered: number;
  unanswered: number;
  /** Rows whose texts were deleted by the retention job. */
  textsDeleted: number;
}

export interface TopicCount {
  topic: string;
  questions: number;
  answered: number;
}

export interface LoggedQuestion {
  answerId: string;
  question: string;
  municipality: string | null;
  language: Language;
  createdAt: Date;
}

export interface FeedbackSummary {
  up: number;
  down: number;
  comments: Array<{ vote: 'up' | 'down'; comment: string; question: string | null; createdAt: Date }>;
}

/** Conversation state, one row per user and thread. Writes are single upserts (safe across replicas). */
export interface SessionStore {
  load(scope: SessionScope): Promise<SessionState>;
  saveMunicipality(scope: SessionScope, municipality: string | null): Promise<void>;
  saveLanguage(scope: SessionScope, language: Language): Promise<void>;
  saveLastLanguage(scope: SessionScope, language: Language): Promise<void>;
  /** Remembers an answered question for follow-ups and logs it (`QueryLog`), both or neither. */
  recordTurn(scope: SessionScope, turn: StoredTurn, entry: QueryLogEntry): Promise<void>;
  clearTurns(scope: SessionScope): Promise<void>;
  /** Deletes every session of the user; returns how many rows went. */
  deleteUser(userKey: string): Promise<number>;
  /** Nulls remembered question texts older than `cutoff`; returns how many. */
  purgeTexts(cutoff: Date): Promise<number>;
  /** The pseudonymisation key every process shares, created once by the first caller. */
  hmacKey(generate: () => string): Promise<string>;
}

/** The pseudonymous log of questions that `kumppani report` reads. */
export interface QueryLog {
  /** True when an answer with this id was logged (feedback on anything else is ignored). */
  exists(answerId: string): Promise<boolean>;
  deleteUser(userKey: string): Promise<number>;
  purgeTexts(cutoff: Date): Promise<number>;
}

/** 👍/👎 on answers, one vote per user and answer. */
export interface FeedbackStore {
  save(row: FeedbackRow): Promise<void>;
  deleteUser(userKey: string): Promise<number>;
  /** Nulls comments older than `cutoff`; returns how many. */
  purgeTexts(cutoff: Date): Promise<number>;
}

/** What the index holds, as the dialogue shows it. */
export interface DocumentCatalog {
  /** Municipalities with active documents the audience may read, with how many. */
  municipalities(audience: Audience): Promise<MunicipalityInfo[]>;
  documents(): Promise<DocumentSummary[]>;
}

/** Read-only counts for the staff report. */
export interface ReportStore {
  totals(filter: ReportFilter): Promise<Totals>;
  topicCounts(filter: ReportFilter): Promise<TopicCount[]>;
  unansweredQuestions(filter: ReportFilter): Promise<LoggedQuestion[]>;
  feedbackSummary(filter: ReportFilter): Promise<FeedbackSummary>;
}

/** The dated events the documents state (issue 16): what "what's coming up?" lists. */
export interface CalendarStore {
  /** The next events on or after `from` in date order, rules at their next occurrence. */
  upcoming(
    from: Date,
    filter: { municipality?: string; audience: Audience; kinds?: readonly EventKind[]; limit?: number },
  ): Promise<UpcomingEvent[]>;
}

/** A deadline-reminder subscription (issue 16). */
export interface ReminderSubscription {
  id: string;
  userKey: string;
  channel: Channel;
  /**
   * The channel's delivery address (a Telegram chat id, a Slack conversation id, a Teams
   * conversation reference as JSON): kept so the bot can write first.
   */
  address: string;
  /** The index's spelling of the municipality; null = every municipality. */
  municipality: string | null;
  /** Empty = every grant kind. */
  grantKinds: string[];
  language: Language;
  createdAt: Date;
}

export type NewReminderSubscription = Omit<ReminderSubscription, 'id' | 'createdAt'>;

/** One reminder: a subscription, an event's occurrence (its deadline) and the lead in days. */
export interface ReminderKey {
  subscriptionId: string;
  eventUid: string;
  /** The deadline reminded of, ISO date. */
  occurrence: string;
  leadDays: number;
}

/** Subscriptions and the reminders claimed for them. */
export interface ReminderStore {
  /** Adds a subscription, or refreshes the language of the same one; returns it. */
  subscribe(sub: NewReminderSubscription): Promise<ReminderSubscription>;
  /** The user's subscriptions, oldest first. */
  list(userKey: string): Promise<ReminderSubscription[]>;
  /** Every subscription, for the scheduler. */
  all(): Promise<ReminderSubscription[]>;
  /** Deletes every subscription of the user and their sent rows (cancel, forget-me); returns how many rows. */
  deleteUser(userKey: string): Promise<number>;
  /** Deletes one subscription if it is the user's (with its sent rows); returns it, undefined when it was not. */
  deleteOne(userKey: string, id: string): Promise<ReminderSubscription | undefined>;
  /** Claims a reminder before sending: true for the one caller that inserted it, false if already claimed. */
  claim(key: ReminderKey): Promise<boolean>;
  /** Gives a claim back after a failed send, so the next run retries it. */
  release(key: ReminderKey): Promise<void>;
}

/** How a channel delivers a reminder by itself: the rendered reply to a stored address. */
export interface ReminderSender {
  channel: Channel;
  send(address: string, reply: Reply): Promise<void>;
}

/** Where channels register their sender (the scheduler, handed over by the composition root). */
export interface ReminderSenders {
  register(sender: ReminderSender): void;
}

/** Where a user stands in the self-assessment (issue 17): the answers so far, by question id. */
export interface QuicktestState {
  answers: Record<string, 'yes' | 'partly' | 'no' | 'unknown'>;
  /** ISO timestamp of the last answer. */
  updatedAt: string;
}

/** Self-assessment progress, one row per user and conversation (pseudonymous keys). */
export interface QuicktestStore {
  load(scope: SessionScope): Promise<QuicktestState | undefined>;
  save(scope: SessionScope, state: QuicktestState): Promise<void>;
  clear(scope: SessionScope): Promise<void>;
  deleteUser(userKey: string): Promise<number>;
}

/**
 * A finished self-assessment a municipality's user chose to share with the regional organisers:
 * the scores only (per theme id and overall, 0-100), never the answers or any text.
 */
export interface SharedQuicktest {
  /** The municipality's name as the registry spells it; one row per municipality, the newest wins. */
  municipality: string;
  /** Who shared it (pseudonymised): "forget me" deletes what that user shared. */
  userKey: string;
  overall: number;
  themes: Record<string, number>;
  /** ISO timestamp of the sharing. */
  sharedAt: string;
}

/** The shared self-assessment results, for the regional organisers' summary. */
export interface QuicktestSharedStore {
  /** Stores the result, replacing the municipality's earlier one. */
  share(result: SharedQuicktest): Promise<void>;
  /** Every shared result, by municipality name. */
  list(): Promise<SharedQuicktest[]>;
  /** Deletes the results this user shared; returns how many. */
  deleteUser(userKey: string): Promise<number>;
}

/** Everything the dialogue stores, as one value the composition root hands over. */
export interface DialogueStores {
  sessions: SessionStore;
  queryLog: QueryLog;
  feedback: FeedbackStore;
  catalog: DocumentCatalog;
  report: ReportStore;
  calendar: CalendarStore;
  reminders: ReminderStore;
  /** The self-assessment's progress; without it the self-assessment is not offered. */
  quicktest?: QuicktestStore;
  /** Results shared with the regional organisers; without it nothing can be shared. */
  quicktestShared?: QuicktestSharedStore;
}
