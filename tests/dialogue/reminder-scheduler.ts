/** A reminder scheduler over a test's stores, with one sender: a new one is what a restart is. */
import { createReminderScheduler } from '../../src/dialogue/reminders.ts';
import type { ReminderSchedulerDeps } from '../../src/dialogue/reminders.ts';
import type { ReminderSender } from '../../src/kernel/ports.ts';
import { silentLogger } from '../../src/kernel/log.ts';

export function testScheduler(stores: ReminderSchedulerDeps['stores'], sender: ReminderSender) {
  const s = createReminderScheduler({ stores, days: [14, 3], intervalMinutes: 15, logger: silentLogger });
  s.register(sender);
  return s;
}
