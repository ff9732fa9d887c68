/**
 * `kumppani chat`: the dialogue in a terminal. On a terminal it is interactive (prompt, numbered
 * buttons, streaming in LLM mode, + / - for feedback); piped, it reads one question per line and
 * prints one answer per line group, or with `--json` one JSON object per line.
 */
import os from 'node:os';
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../app.ts';
import { createLogger } from '../../kernel/log.ts';
import { ingestKnowledgeIfEmpty } from '../../ingest/bootstrap.ts';
import { renderPlain } from '../../answer/citations.ts';
import { t } from '../../kernel/i18n/index.ts';
import { localeLanguage } from '../../kernel/language.ts';
import { parseLanguageName } from '../../dialogue/commands.ts';
import type {
  Assistant,
  Audience,
  Choice,
  Command as DialogueCommand,
  Language,
  Reply,
  Turn,
} from '../../kernel/types.ts';
import { answerJson } from '../output.ts';

interface ChatOptions {
  municipality?: string;
  audience: Audience;
  language?: string;
  json?: boolean;
}

/** "+", "👍", "- too vague", "👎 wrong date": feedback on the last answer. */
export function parseFeedbackLine(line: string): { vote: 'up' | 'down'; comment?: string } | undefined {
  const m = /^(\+|-|👍|👎)(?:\s+(.+))?$/u.exec(line.trim());
  if (!m) return undefined;
  return { vote: m[1] === '+' || m[1] === '👍' ? 'up' : 'down', comment: m[2]?.trim() || undefined };
}

/** The reply as terminal text: answer, sources, numbered buttons and suggestions. */
export function renderReply(r: Reply, textAlreadyShown = false): string {
  const full = renderPlain(r.text, r.citations, r.language);
  // After streaming, the answer text is on screen already: only its sources follow.
  const rest = full.slice(r.text.length).trimStart();
  const parts = [textAlreadyShown ? (rest ? `\n${rest}` : '') : full].filter(Boolean);
  if (r.kind === 'answer' && !r.answered) parts.push(t(r.language, 'chat.notAnswered'));
  if (r.choices?.length) {
    parts.push(
      `${t(r.language, 'chat.choices')} ${r.choices.map((c, i) => `[${i + 1}] ${c.label}`).join('  ')}`,
    );
  }
  if (r.suggestions?.length) {
    parts.push(`${t(r.language, 'chat.suggestions')}\n${r.suggestions.map((s) => `  – ${s}`).join('\n')}`);
  }
  return parts.join('\n');
}

export function register(program: Command): void {
  program
    .command('chat')
    .description('Talk to Kumppani in the terminal (piped input: one question per line, one answer each)')
    .option('-m, --municipality <name>', 'start with this municipality chosen')
    .addOption(
      new Option('-a, --audience <audience>', 'who is asking').choices(['public', 'staff']).default('public'),
    )
    .option('-l, --language <language>', 'reply language (fi, sv, en); detected per message when unset')
    .option('--json', 'print one JSON object per answer (for scripts)')
    .action(async (opts: ChatOptions) => {
      const config = loadConfig();
      // stdout is the conversation; failures go to stderr (LOG_LEVEL=debug shows more).
      const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
      const logger = createLogger(verbose ? config.logLevel : 'error', process.stderr);
      const services = await createServices(config, { logger });
      try {
        const interactive = process.stdin.isTTY === true && !opts.json;
        const ingested = await ingestKnowledgeIfEmpty(services);
        if (ingested)
          process.stderr.write(`${ingested.added} documents indexed from ${config.knowledgeDir}\n`);
        await converse(services.assistant, opts, interactive);
      } finally {
        await services.close();
      }
    });
}

async function converse(assistant: Assistant, opts: ChatOptions, interactive: boolean): Promise<void> {
  const locale = Intl.DateTimeFormat().resolvedOptions().locale;
  const base: Omit<Turn, 'text'> = {
    channel: 'cli',
    // A fresh conversation per run: an earlier run's questions must not turn this run's into follow-ups.
    conversationId: randomUUID(),
    userId: os.userInfo().username,
    audience: opts.audience,
    locale,
  };
  let language: Language = localeLanguage(locale) ?? 'fi';
  let lastAnswer: Reply | undefined;
  let lastChoices: Choice[] = [];
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const note = (s: string) => (interactive ? out(s) : process.stderr.write(`${s}\n`));

  let streamed = false;
  const send = async (text: string, command?: DialogueCommand): Promise<Reply> => {
    const turn: Turn = { ...base, text, command };
    streamed = false;
    if (!interactive) return assistant.handle(turn);
    let printed = '';
    const reply = await (assistant.handleStream
      ? assistant.handleStream(turn, (partial) => {
          if (!partial.startsWith(printed)) return;
          process.stdout.write(partial.slice(printed.length));
          printed = partial;
        })
      : assistant.handle(turn));
    if (printed) process.stdout.write('\n');
    streamed = printed !== '';
    return reply;
  };

  const show = (question: string, reply: Reply, latencyMs: number) => {
    language = reply.language;
    lastChoices = reply.choices ?? [];
    if (reply.kind === 'answer') lastAnswer = reply;
    if (opts.json) out(JSON.stringify(answerJson({ ...reply, question, latencyMs })));
    else out(`${renderReply(reply, streamed)}\n`);
  };

  const setup = async (command: DialogueCommand) => {
    const reply = await assistant.handle({ ...base, text: '', command });
    if (interactive) out(`${renderReply(reply)}\n`);
    language = reply.language;
  };
  if (opts.language) {
    const lang = parseLanguageName(opts.language);
    if (!lang) throw new Error(`--language must be fi, sv or en (got "${opts.language}")`);
    await setup({ kind: 'set-language', language: lang });
  }
  if (opts.municipality) await setup({ kind: 'set-municipality', municipality: opts.municipality });
  if (interactive) out(t(language, 'chat.intro'));

  const rl = readline.createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
  });
  const prompt = () => {
    if (interactive) rl.setPrompt(t(language, 'chat.prompt'));
    if (interactive) rl.prompt();
  };
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) {
      prompt();
      continue;
    }
    const feedback = parseFeedbackLine(line);
    if (feedback) {
      if (!lastAnswer) note(t(language, 'chat.noAnswerYet'));
      else {
        await assistant.feedback({
          answerId: lastAnswer.id,
          channel: 'cli',
          userId: base.userId,
          ...feedback,
        });
        note(t(language, 'chat.feedbackSaved'));
      }
      prompt();
      continue;
    }
    // A number presses the button of that number from the last reply.
    const choice = /^\d{1,2}$/.test(line) ? lastChoices[Number(line) - 1] : undefined;
    const started = performance.now();
    const reply = choice ? await send('', choice.command) : await send(line);
    show(line, reply, performance.now() - started);
    prompt();
  }
}
