/**
 * The dialogue service: `Turn` in, `Reply` out, for every channel. It keeps the conversation in
 * PostgreSQL (municipality choice, language, last questions), understands commands and follow-ups,
 * picks the municipality (named in the question > carried by a follow-up > chosen for the
 * conversation), answers extractively or through an LLM, and logs each answer pseudonymously for
 * the staff report. It never throws for what a user writes: bad input and database hiccups get a
 * polite reply in the user's language.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Config } from '../config.ts';
import type { Logger } from '../kernel/log.ts';
import type { Answerer } from '../answer/types.ts';
import type { ModeAnswer, StreamingAnswerer } from '../answer/llm.ts';
import type { Condenser } from '../answer/llm-condense.ts';
import { namedIn, scoped } from '../answer/question.ts';
import type { DialogueStores, SessionScope, SessionState, StoredTurn } from '../kernel/ports.ts';
import type {
  Assistant,
  Audience,
  FeedbackInput,
  Language,
  MunicipalityInfo,
  Reply,
  Block,
  Choice,
  Turn,
} from '../kernel/types.ts';
import { detectLanguage, localeLanguage } from '../kernel/language.ts';
import { t } from '../kernel/i18n/index.ts';
import { parseCommand, type DialogueCommand, type ParsedCommand } from './commands.ts';
import { entryOf, helpText, municipalityHint, parseWords, usage } from './vocabulary.ts';
import { reminderCommand, subscribeChoices } from './reminder-commands.ts';
import { noticeBlocks, plainText } from '../kernel/blocks.ts';
import { condenseFollowUp, type Condensed } from './condense.ts';
import { asksUpcoming, upcomingReply } from './upcoming.ts';
import { loadConfiguredQuicktest, quicktestTurn, type Quicktest } from './quicktest.ts';
import { SUMMARY_CHANNELS } from './quicktest-share.ts';
import { MunicipalityRegistry, type Municipality } from '../kernel/municipalities.ts';
import { MunicipalityDirectory } from '../kernel/municipality-directory.ts';
import { generateKey, Pseudonymizer } from '../kernel/pseudonym.ts';
import {
  purgeExpiredTexts,
  startRetentionJob,
  type RetentionJob,
  type RetentionResult,
} from './retention.ts';
import { classifyTopic } from '../kernel/topics.ts';
import {
  aboutText,
  displayName,
  languageChoices,
  municipalityChoices,
  storedMunicipality,
  suggestionChoices,
  suggestionsFor,
} from './replies.ts';

export interface AssistantDeps {
  /** Sessions, query log, feedback and the document catalogue (`src/store/dialogue-stores.ts`). */
  stores: DialogueStores;
  /** The extractive answerer (the offline default, and the LLM mode's fallback). */
  answerer: Answerer;
  /** KUMPPANI_ANSWER_MODE=llm: the model's answerer and follow-up condenser (`src/answer/llm-stack.ts`). */
  llm?: { answerer: StreamingAnswerer; condenser?: Condenser };
  config: Config;
  logger: Logger;
  /** The municipalities registry the answerer also reads (built over `stores.catalog` when absent). */
  directory?: MunicipalityDirectory;
  /** Today, for "what deadlines are coming up?" (tests pass a fixed day). */
  now?: () => Date;
  /** Run the daily retention job (default true; tests call `purgeExpired` instead). */
  retentionJob?: boolean;
  /** The self-assessment's questions (default: read and validated from config.quicktestFile). */
  quicktest?: Quicktest;
}

export interface ClosableAssistant extends Assistant {
  /** Deletes message texts older than KUMPPANI_RETENTION_DAYS now (the daily job does the same). */
  purgeExpired(now?: Date): Promise<RetentionResult>;
  close(): Promise<void>;
}

/** Longest message the dialogue reads; the rest is cut (questions are short). */
const MAX_CHARS = 1000;
/**
 * C0 control characters except tab and newline. PostgreSQL refuses NUL in text, so a question
 * carrying one failed every turn; they are removed before anything else reads the question.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f]/g;
/** Any C0 control character: no answer id the dialogue logs holds one. */
// eslint-disable-next-line no-control-regex
const ANY_CONTROL_CHAR = /[\u0000-\u001f]/;
/** How many of the next deadlines a "what's coming up?" answer lists. */
const UPCOMING_LIMIT = 8;
/** A previous question older than this is not a follow-up's context. */
const FOLLOW_UP_WINDOW_MS = 6 * 60 * 60 * 1000;

interface Context {
  turn: Turn;
  scope: SessionScope;
  session: SessionState;
  registry: MunicipalityRegistry;
  id: string;
}

export async function createAssistant(deps: AssistantDeps): Promise<ClosableAssistant> {
  const { stores, config, logger } = deps;
  const { sessions, queryLog, catalog } = stores;
  const pseudo = new Pseudonymizer(config.hmacKey ?? (await sessions.hmacKey(generateKey)));

  const llm = deps.llm?.answerer;
  const condenser = deps.llm?.condenser;

  // One registry for the process, shared with the answerer (see MunicipalityDirectory).
  const directory =
    deps.directory ?? new MunicipalityDirectory((audience) => catalog.municipalities(audience));
  const registry = (audience: Audience) => directory.registry(audience);

  // Validated at start: a bad file stops the service with the question and field named.
  const quicktest = deps.quicktest ?? (stores.quicktest ? loadConfiguredQuicktest(config) : undefined);

  const retention: RetentionJob | undefined =
    deps.retentionJob === false ? undefined : startRetentionJob(stores, config.retentionDays, logger);

  function scopeOf(turn: Turn): SessionScope {
    return {
      channel: turn.channel,
      conversationKey: pseudo.conversation(turn.channel, turn.conversationId),
      threadKey: pseudo.thread(turn.channel, turn.conversationId, turn.threadId),
      userKey: pseudo.user(turn.channel, turn.userId),
      isGroup: turn.isGroup === true,
    };
  }

  const reminderDeps = {
    reminders: stores.reminders,
    calendar: stores.calendar,
    days: config.reminders.days,
    now: deps.now ?? (() => new Date()),
  };

  function reply(
    ctx: { id: string },
    language: Language,
    kind: Reply['kind'],
    /** A notice's text, or the blocks of an answer. */
    content: string | Block[],
    extra: Partial<Omit<Reply, 'blocks' | 'text'>> = {},
  ): Reply {
    const blocks = typeof content === 'string' ? noticeBlocks(content) : content;
    return {
      id: ctx.id,
      kind,
      answered: false,
      language,
      citations: [],
      ...extra,
      blocks,
      text: plainText(blocks),
    };
  }

  /**
   * The question's languages, detected once per turn: the text's own (what its words are analysed
   * as) and the reply's (an explicit choice wins for very short texts).
   */
  function questionLanguages(
    text: string,
    session: SessionState,
    locale?: string,
  ): { text: Language; reply: Language } {
    const n = (text.match(/\p{L}+/gu) ?? []).length;
    const hint = session.language ?? session.lastLanguage ?? localeLanguage(locale);
    const own = n === 0 ? (hint ?? 'fi') : detectLanguage(text, hint ?? undefined);
    return { text: own, reply: session.language && n < 3 ? session.language : own };
  }

  function commandLanguage(
    parsed: ParsedCommand | undefined,
    session: SessionState,
    locale?: string,
  ): Language {
    return (
      session.language ??
      parsed?.language ??
      session.lastLanguage ??
      localeLanguage(locale) ??
      parsed?.weakLanguage ??
      'fi'
    );
  }

  async function runCommand(
    ctx: Context,
    command: DialogueCommand,
    parsed: ParsedCommand | undefined,
  ): Promise<Reply> {
    const { turn, scope, session, registry: reg } = ctx;
    let language = commandLanguage(parsed, session, turn.locale);
    let out: Reply;
    switch (command.kind) {
      case 'help':
        out = reply(ctx, language, 'notice', helpText(language, turn.channel));
        break;
      case 'small-talk': {
        // "hei", "kiitos", "mitä osaat?": a short answer from the tables, not a search that refuses.
        const about = `${t(language, 'dialogue.smalltalk.capabilities')}\n${municipalityHint(language, turn.channel)}`;
        const text =
          command.topic === 'thanks'
            ? t(language, 'dialogue.smalltalk.thanks')
            : command.topic === 'greeting'
              ? `${t(language, 'dialogue.smalltalk.greeting')} ${about}`
              : about;
        out = reply(ctx, language, 'notice', text);
        break;
      }
      case 'start':
        out = reply(
          ctx,
          language,
          'notice',
          `${t(language, 'dialogue.welcome')}\n\n${t(language, 'dialogue.welcome.choose')}`,
          {
            choices: municipalityChoices(reg, 0, language),
          },
        );
        break;
      case 'show-municipality': {
        const m = storedMunicipality(reg, session.municipality);
        const text = m
          ? t(language, 'dialogue.municipality.current', { municipality: displayName(m, language) })
          : t(language, 'dialogue.municipality.none');
        out = reply(ctx, language, 'command', `${text}\n${t(language, 'dialogue.municipality.choose')}`, {
          choices: municipalityChoices(reg, 0, language),
          municipality: m ? displayName(m, language) : undefined,
        });
        break;
      }
      case 'choose-municipality':
        out = reply(ctx, language, 'command', t(language, 'dialogue.municipality.choose'), {
          choices: municipalityChoices(reg, command.page ?? 0, language),
        });
        break;
      case 'set-municipality': {
        if (command.municipality === null) {
          await sessions.saveMunicipality(scope, null);
          out = reply(ctx, language, 'command', t(language, 'dialogue.municipality.cleared'));
          break;
        }
        const m = reg.resolve(command.municipality);
        if (!m) {
          const name = command.municipality.slice(0, 60);
          const close = reg.suggest(name);
          const text = [
            t(language, 'dialogue.municipality.unknown', { name }),
            t(language, close.length ? 'dialogue.municipality.didYouMean' : 'dialogue.municipality.choose'),
          ];
          out = reply(ctx, language, 'command', text.join(' '), {
            choices: close.length
              ? suggestionChoices(close, language)
              : municipalityChoices(reg, 0, language),
          });
          break;
        }
        await sessions.saveMunicipality(scope, m.name);
        const shown = displayName(m, language);
        const lines = [
          t(language, m.documents > 0 ? 'dialogue.municipality.set' : 'dialogue.municipality.setNoDocs', {
            municipality: shown,
          }),
        ];
        if (scope.isGroup) lines.push(t(language, 'dialogue.municipality.groupScope'));
        out = reply(ctx, language, 'command', lines.join(' '), { municipality: shown });
        break;
      }
      case 'set-language':
        language = command.language;
        await sessions.saveLanguage(scope, language);
        return reply(ctx, language, 'command', t(language, 'dialogue.language.set'));
      case 'choose-language': {
        const lines = parsed?.argument
          ? [t(language, 'dialogue.language.unknown', { name: parsed.argument.slice(0, 30) })]
          : [];
        lines.push(t(language, 'dialogue.language.choose'));
        out = reply(ctx, language, 'command', lines.join(' '), { choices: languageChoices(language) });
        break;
      }
      case 'forget-me': {
        const count =
          (await sessions.deleteUser(scope.userKey)) +
          (await queryLog.deleteUser(scope.userKey)) +
          (await stores.feedback.deleteUser(scope.userKey)) +
          (await stores.reminders.deleteUser(scope.userKey)) +
          ((await stores.quicktest?.deleteUser(scope.userKey)) ?? 0) +
          ((await stores.quicktestShared?.deleteUser(scope.userKey)) ?? 0);
        logger.info({ channel: turn.channel, rows: count }, 'forget-me: deleted a user’s data');
        // Nothing is written after this: the confirmation must not re-create what was just deleted.
        return reply(ctx, language, 'command', t(language, 'dialogue.forget.done', { count }));
      }
      case 'remind':
      case 'list-reminders':
      case 'cancel-reminders': {
        const done = await reminderCommand(reminderDeps, { ...ctx, language }, command);
        out = reply(ctx, language, 'command', done.text, done.choices ? { choices: done.choices } : {});
        break;
      }
      case 'about': {
        const visible = (await catalog.documents()).filter(
          (d) => d.active && (turn.audience === 'staff' || d.audience === 'public'),
        );
        out = reply(ctx, language, 'notice', aboutText(visible, language));
        break;
      }
      case 'quicktest':
      case 'quicktest-answer': {
        if (!quicktest || !stores.quicktest) {
          out = reply(ctx, language, 'notice', t(language, 'dialogue.quicktest.unavailable'));
          break;
        }
        const form = turn.channel === 'teams' ? 'word' : turn.channel === 'slack' ? 'kumppani' : 'slash';
        const done = await quicktestTurn(
          {
            test: quicktest,
            store: stores.quicktest,
            scope,
            language,
            usage: usage(entryOf('quicktest'), language, turn.channel, form),
            ...(stores.quicktestShared
              ? {
                  sharing: {
                    store: stores.quicktestShared,
                    municipality: session.municipality,
                    municipalityUsage: usage(
                      entryOf('municipality'),
                      language,
                      turn.channel,
                      form,
                      t(language, 'dialogue.command.arg.municipality'),
                    ),
                    summary: SUMMARY_CHANNELS.includes(turn.channel),
                  },
                }
              : {}),
          },
          command,
        );
        out = reply(ctx, language, 'command', done.blocks, {
          citations: done.citations,
          ...(done.choices ? { choices: done.choices } : {}),
          ...(done.markdown ? { markdown: done.markdown } : {}),
        });
        break;
      }
      case 'new-conversation':
        await sessions.clearTurns(scope);
        out = reply(ctx, language, 'command', t(language, 'dialogue.new.done'));
        break;
    }
    await sessions.saveLastLanguage(scope, language);
    return out;
  }

  /**
   * A command the channel parsed itself ("/kumppani snabbtest" in Slack) still speaks the language
   * of its word, so its reply is in the asker's language.
   */
  function wordLanguage(
    command: DialogueCommand,
    text: string,
    channel: Turn['channel'],
  ): ParsedCommand | undefined {
    const words = text ? parseWords(text, channel, 'kumppani') : undefined;
    if (!words) return undefined;
    return {
      command,
      ...(words.language ? { language: words.language } : {}),
      ...(words.weakLanguage ? { weakLanguage: words.weakLanguage } : {}),
    };
  }

  /** The previous question, when recent enough to be a follow-up's context. */
  function previousTurn(session: SessionState): StoredTurn | undefined {
    const last = session.turns[0];
    if (!last) return undefined;
    return Date.now() - Date.parse(last.at) <= FOLLOW_UP_WINDOW_MS ? last : undefined;
  }

  async function answerQuestion(
    ctx: Context,
    text: string,
    languages: { text: Language; reply: Language },
    onToken?: (partial: string) => void,
  ): Promise<Reply> {
    const { turn, scope, session, registry: reg } = ctx;
    const started = performance.now();
    const language = languages.reply;
    const mentions = reg.detect(text);
    const prev = previousTurn(session);

    let condensed: Condensed = condenseFollowUp(
      text,
      mentions,
      prev
        ? { query: prev.query, municipality: prev.municipality, mentions: reg.detect(prev.query) }
        : undefined,
    );
    let named = [...new Set(mentions.map((m) => m.municipality))];
    if (condenser && prev) {
      const history = session.turns
        .slice(0, 3)
        .reverse()
        .map((x) => x.query);
      const rewritten = await condenser(history, text, language);
      if (rewritten) {
        condensed = { ...condensed, query: rewritten };
        const inRewrite = [...new Set(reg.detect(rewritten).map((m) => m.municipality))];
        if (named.length === 0 && inRewrite.length > 0) named = inRewrite;
      }
    }

    // Understood once, before the municipality is chosen: whether it asks across municipalities
    // decides that choice, and the answer then reads the same Question placed in its scope.
    // "Mitä hakuaikoja on tulossa?" is answered from the documents' calendar instead.
    const upcoming = asksUpcoming(condensed.query);
    const understood = upcoming
      ? undefined
      : await deps.answerer.understand(condensed.query, {
          audience: turn.audience,
          language,
          textLanguage: languages.text,
          ...(condensed.query === text ? { named: namedIn(reg, text) } : {}),
        });

    // Named in the question (for this question only) > a cross-municipality question > carried by a
    // follow-up > the conversation's choice.
    let municipality: Municipality | null;
    if (named.length === 1) municipality = named[0]!;
    else if (named.length > 1) municipality = null;
    // "Missä kunnissa…", "vilka kommuner…": a question across municipalities, whatever was chosen.
    else if (understood?.across) municipality = null;
    else if (condensed.carriesMunicipality && prev) municipality = storedMunicipality(reg, prev.municipality);
    else municipality = storedMunicipality(reg, session.municipality);

    const searchIn = municipality ? MunicipalityRegistry.searchName(municipality) : undefined;
    let answer: ModeAnswer;
    let choices: Choice[] = [];
    if (!understood) {
      // With no municipality chosen, every municipality's (what a regional organiser asks).
      const events = await stores.calendar.upcoming((deps.now ?? (() => new Date()))(), {
        ...(searchIn ? { municipality: searchIn } : {}),
        audience: turn.audience,
        kinds: upcoming,
        limit: UPCOMING_LIMIT,
      });
      const { blocks, citations } = upcomingReply(events, language, upcoming ?? []);
      // Where the channel has a button for it (Teams), the deadlines listed can be subscribed to.
      if (events.length && (upcoming ?? []).some((k) => k === 'application' || k === 'report'))
        choices = subscribeChoices(turn.channel, municipality, language);
      answer = {
        blocks,
        text: plainText(blocks),
        answered: events.length > 0,
        language,
        citations,
        hits: [],
        searched: [],
        mode: 'calendar',
      };
    } else if (llm) {
      answer = await llm.answer(scoped(understood, searchIn), onToken);
    } else {
      answer = { ...(await deps.answerer.answer(scoped(understood, searchIn))), mode: 'extractive' };
    }

    const blocks: Block[] = [];
    const shown = municipality ? displayName(municipality, language) : undefined;
    if (shown)
      blocks.push({
        kind: 'heading',
        text: t(language, 'dialogue.answer.municipality', { municipality: shown }),
        municipality: shown,
      });
    if (municipality && municipality.documents === 0) {
      blocks.push({
        kind: 'notice',
        text: t(language, 'dialogue.answer.noDocuments', { municipality: shown! }),
      });
    }
    blocks.push(...answer.blocks);
    const topic = classifyTopic(condensed.query);
    const out = reply(ctx, language, 'answer', blocks, {
      answered: answer.answered,
      citations: answer.citations,
      municipality: shown,
      suggestions: suggestionsFor(answer.answered ? topic : 'other', language, condensed.query),
      ...(choices.length ? { choices } : {}),
    });
    if (!llm && onToken) onToken(out.text);

    const latencyMs = performance.now() - started;
    // The answer is given even if remembering it fails: the user should not lose it to a log write.
    try {
      const remembered: StoredTurn = {
        question: text,
        query: condensed.query,
        municipality: municipality?.name ?? null,
        answerId: ctx.id,
        language,
        at: new Date().toISOString(),
      };
      await sessions.recordTurn(scope, remembered, {
        answerId: ctx.id,
        channel: turn.channel,
        userKey: scope.userKey,
        question: text,
        condensed: condensed.query,
        municipality: municipality?.name ?? null,
        language,
        topic,
        answered: answer.answered,
        topScore: answer.hits[0]?.score ?? null,
        latencyMs,
        mode: answer.mode,
        sources: [...new Set(answer.citations.map((c) => c.source))],
      });
    } catch (err) {
      logger.error({ err, channel: turn.channel }, 'could not store the turn or its log entry');
    }
    logger.info(
      {
        channel: turn.channel,
        answered: answer.answered,
        mode: answer.mode,
        followUp: condensed.kind,
        municipality: municipality?.name,
        language,
        latencyMs: Math.round(latencyMs),
      },
      'answered',
    );
    return out;
  }

  async function run(turn: Turn, onToken?: (partial: string) => void): Promise<Reply> {
    const id = randomUUID();
    const text = (typeof turn.text === 'string' ? turn.text : '')
      .replace(CONTROL_CHARS, '')
      .trim()
      .slice(0, MAX_CHARS);
    // Set as soon as it is known; a failure before that detects it from the text alone.
    let language: Language | undefined;
    try {
      const parsed = turn.command
        ? wordLanguage(turn.command, text, turn.channel)
        : parseCommand(text, turn.channel);
      const command: DialogueCommand | undefined = turn.command ?? parsed?.command;
      const scope = scopeOf(turn);
      const session = await sessions.load(scope);
      if (!command && !text) {
        language = session.language ?? session.lastLanguage ?? localeLanguage(turn.locale) ?? 'fi';
        return reply({ id }, language, 'notice', t(language, 'dialogue.empty'));
      }
      const ctx: Context = { turn, scope, session, registry: await registry(turn.audience), id };
      if (command) {
        language = commandLanguage(parsed, session, turn.locale);
        return await runCommand(ctx, command, parsed);
      }
      const languages = questionLanguages(text, session, turn.locale);
      language = languages.reply;
      return await answerQuestion(ctx, text, languages, onToken);
    } catch (err) {
      logger.error({ err, channel: turn.channel }, 'dialogue failed; replied with a try-again notice');
      const lang = language ?? detectLanguage(text, localeLanguage(turn.locale));
      return reply({ id }, lang, 'notice', t(lang, 'dialogue.error'));
    }
  }

  return {
    handle: (turn) => run(turn),
    handleStream: (turn, onToken) => run(turn, onToken),

    async feedback(input: FeedbackInput): Promise<void> {
      const userKey = pseudo.user(input.channel, input.userId);
      if (input.vote !== 'up' && input.vote !== 'down') {
        logger.warn({ channel: input.channel }, 'feedback ignored: vote must be up or down');
        return;
      }
      // PostgreSQL refuses NUL in text: such an id is no logged answer, in any channel.
      if (ANY_CONTROL_CHAR.test(input.answerId) || !(await queryLog.exists(input.answerId))) {
        logger.warn({ channel: input.channel }, 'feedback ignored: no logged answer has that id');
        return;
      }
      const comment = input.comment?.replace(CONTROL_CHARS, '').trim().slice(0, MAX_CHARS) || undefined;
      await stores.feedback.save({
        answerId: input.answerId,
        userKey,
        channel: input.channel,
        vote: input.vote,
        comment,
      });
    },

    async municipalities(audience: Audience = 'staff'): Promise<MunicipalityInfo[]> {
      return catalog.municipalities(audience);
    },

    purgeExpired: (now?: Date) => purgeExpiredTexts(stores, config.retentionDays, now),

    async close() {
      await retention?.stop();
    },
  };
}
