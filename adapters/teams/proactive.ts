/**
 * Proactive messages in Teams (deadline reminders, issue 16): the address a subscription keeps is
 * the conversation reference botbuilder needs to write to a conversation first, as JSON, and a
 * reminder is sent with `continueConversationAsync` as the reply card any answer gets.
 *
 * Everything botbuilder-specific about writing first is in this file: Microsoft has archived
 * botbuilder, and the M365 Agents SDK's `CloudAdapter.continueConversation` and
 * `ConversationReference` can replace these two functions without the rest of Kumppani noticing
 * (the stored address is the reference's JSON either way).
 */
import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { ReminderSender } from '../../src/kernel/ports.ts';
import { replyCard } from './cards.ts';

/**
 * The conversation reference of an incoming activity, as the JSON kept in a subscription's
 * `address`. The activity's own id and locale are left out: they change with every message, and
 * the same conversation must give the same address (one subscription per chat and municipality).
 */
export function conversationAddress(activity: Activity): string {
  const { activityId: _id, locale: _locale, ...reference } = TurnContext.getConversationReference(activity);
  return JSON.stringify(reference);
}

/** The reference an address holds; throws when it is not one (the send fails and is retried). */
function referenceOf(address: string): Partial<ConversationReference> {
  const ref = JSON.parse(address) as Partial<ConversationReference>;
  if (!ref?.conversation?.id || !ref.serviceUrl)
    throw new Error('Teams reminder: the subscription address is not a conversation reference');
  return ref;
}

/**
 * How the Teams channel delivers a reminder: the adapter continues the stored conversation and
 * posts the reply card there. `appId` is the bot's MicrosoftAppId ('' when unauthenticated for
 * local testing, where the Bot Connector is on this machine).
 */
export function teamsReminderSender(adapter: CloudAdapter, appId: string): ReminderSender {
  return {
    channel: 'teams',
    async send(address, reply) {
      await adapter.continueConversationAsync(appId, referenceOf(address), async (context) => {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(replyCard(reply))));
      });
    },
  };
}
