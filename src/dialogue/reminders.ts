/**
 * The deadline-reminder scheduler (issue 16). Every run it reads each subscription's upcoming
 * application periods and report deadlines (`CalendarStore.upcoming`, so a removed or replaced
 * document's events are gone with it), and for a deadline within a lead day (14 or 3 days ahead,
 * KUMPPANI_REMINDER_DAYS) sends the reminder of the nearest lead reached: one due while the server
 * was down is sent when it comes back, if the deadline has not passed. Each reminder is claimed in
 * the database before it is sent (`ReminderStore.claim`: one INSERT wins), so two replicas or two
 * runs never both send it; a failed send gives the claim back and the next run retries.
 */
import type { UpcomingEvent } from '../kernel/calendar.ts';
import { helsinkiDate } from '../kernel/calendar.ts';
import { t } from '../kernel/i18n/index.ts';
import type { Logger } from '../kernel/log.ts';
import type {
  CalendarStore,
  ReminderKey,
  ReminderSender,
  ReminderSenders,
  ReminderStore,
  ReminderSubscription,
} from '../kernel/ports.ts';
import type { Block, Channel, Reply } from '../kernel/types.ts';
import { plainText } from '../kernel/blocks.ts';
import { upcomingReply } from './upcoming.ts';

export interface ReminderSchedulerDeps {
  stores: { reminders: ReminderStore; calendar: CalendarStore };
  /** Lead days before a deadline (KUMPPANI_REMINDER_DAYS), e.g. [14, 3]. */
  days: readonly number[];
  /** How often `start()` runs (KUMPPANI_REMINDER_INTERVAL_MINUTES). */
  intervalMinutes: number;
  logger: Logger;
  now?: () => Date;
}

export interface RunResult {
  sent: number;
  failed: number;
}

export interface ReminderScheduler extends ReminderSenders {
  /** One pass at `now`: sends every reminder due and not yet claimed. */
  runOnce(now?: Date): Promise<RunResult>;
  start(): void;
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

/** The deadline an event reminds of: a period's closing day or a report's due day. */
function deadlineOf(e: UpcomingEvent): string | undefined {
  if (e.kind === 'application' && !e.occursEnd) return undefined; // an opening only
  return e.occursEnd ?? e.next;
}

/** The nearest lead day reached `left` days before the deadline, if any (14 → 14, 5 → 14, 2 → 3). */
export function leadFor(left: number, days: readonly number[]): number | undefined {
  if (left < 0) return undefined;
  const reached = days.filter((d) => left <= d);
  return reached.length ? Math.min(...reached) : undefined;
}

/** Whether an event is of a kind the subscription asks for (none asked: every kind). */
export function matchesKinds(sub: Pick<ReminderSubscription, 'grantKinds'>, e: UpcomingEvent): boolean {
  if (sub.grantKinds.length === 0) return true;
  return e.grantKinds.some((k) => sub.grantKinds.includes(k.toLowerCase()));
}

/** The reminder's reply: what it is, the deadline line citing its sentence, and the usual caution. */
export function reminderReply(group: UpcomingEvent[], sub: ReminderSubscription, left: number): Reply {
  const language = sub.language;
  const first = group[0]!;
  const { blocks, citations } = upcomingReply(
    group.map((e) => ({ ...e, next: deadlineOf(e) ?? e.next })),
    language,
    [first.kind],
  );
  const intro = t(language, left === 0 ? 'reminder.today' : 'reminder.intro', { days: String(left) });
  const out: Block[] = [{ kind: 'notice', text: intro }, ...blocks.slice(1)];
  return {
    id: `reminder:${sub.id}:${first.uid}`,
    kind: 'notice',
    answered: true,
    language,
    citations,
    blocks: out,
    text: plainText(out),
  };
}

export function createReminderScheduler(deps: ReminderSchedulerDeps): ReminderScheduler {
  const { reminders, calendar } = deps.stores;
  const senders = new Map<Channel, ReminderSender>();
  let timer: NodeJS.Timeout | undefined;
  let first: NodeJS.Timeout | undefined;
  let running: Promise<RunResult> | undefined;

  async function pass(now: Date): Promise<RunResult> {
    const today = helsinkiDate(now);
    const result: RunResult = { sent: 0, failed: 0 };
    for (const sub of await reminders.all()) {
      const sender = senders.get(sub.channel);
      if (!sender) continue;
      const events = await calendar.upcoming(now, {
        ...(sub.municipality ? { municipality: sub.municipality } : {}),
        audience: 'public',
        kinds: ['application', 'report'],
      });
      // Two documents may state the same deadline (the grant rules and the cooperation guide):
      // one reminder per deadline, listing each distinct line with its own source.
      const due = new Map<string, { events: UpcomingEvent[]; deadline: string; left: number; lead: number }>();
      for (const e of events) {
        const deadline = deadlineOf(e);
        if (!deadline || !matchesKinds(sub, e)) continue;
        const left = daysBetween(today, deadline);
        const lead = leadFor(left, deps.days);
        if (lead === undefined) continue;
        const key = `${e.kind}:${e.municipality ?? '*'}:${deadline}`;
        const group = due.get(key) ?? { events: [], deadline, left, lead };
        group.events.push(e);
        due.set(key, group);
      }
      for (const [eventKey, { events: group, deadline, left, lead }] of due) {
        const key: ReminderKey = { subscriptionId: sub.id, eventUid: eventKey, occurrence: deadline, leadDays: lead };
        if (!(await reminders.claim(key))) continue;
        try {
          await sender.send(sub.address, reminderReply(group, sub, left));
          result.sent++;
        } catch (err) {
          result.failed++;
          deps.logger.warn(
            { channel: sub.channel, err: err instanceof Error ? err.message : String(err) },
            'reminder: sending failed; the next run retries',
          );
          await reminders.release(key).catch(() => {});
        }
      }
    }
    if (result.sent || result.failed) deps.logger.info(result, 'reminders sent');
    return result;
  }

  async function runOnce(now = (deps.now ?? (() => new Date()))()): Promise<RunResult> {
    // One pass at a time in a process; across replicas the claims decide.
    while (running) await running.catch(() => {});
    running = pass(now);
    try {
      return await running;
    } finally {
      running = undefined;
    }
  }

  const tick = () => {
    runOnce().catch((err: unknown) =>
      deps.logger.error({ err }, 'reminder: the scheduler run failed; the next one retries'),
    );
  };

  return {
    register(sender) {
      senders.set(sender.channel, sender);
    },
    runOnce,
    start() {
      if (timer) return;
      timer = setInterval(tick, deps.intervalMinutes * 60_000);
      timer.unref();
      // Soon after start too: a reminder due while the server was down goes out now.
      first = setTimeout(tick, 5000);
      first.unref();
    },
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      timer = undefined;
      await running?.catch(() => {});
    },
  };
}
