/**
 * The dialogue's ports (`src/kernel/ports.ts`) over one pool: the only place the dialogue's
 * storage meets SQL. Each method is one of the plain repository functions beside this file.
 */
import type pg from 'pg';
import type { DialogueStores } from '../kernel/ports.ts';
import {
  clearTurns,
  deleteUserSessions,
  loadOrCreateHmacKey,
  loadSession,
  purgeTurnTexts,
  saveLanguage,
  saveLastLanguage,
  saveMunicipality,
} from './sessions.ts';
import { answerExists, deleteUserQueries, purgeQuestionTexts } from './querylog.ts';
import { recordTurn } from './turn-record.ts';
import { deleteUserFeedback, purgeComments, saveFeedback } from './feedback.ts';
import { listDocuments, listMunicipalities } from './documents.ts';
import { feedbackSummary, topicCounts, totals, unansweredQuestions } from './report.ts';
import { upcoming } from './events.ts';
import {
  allSubscriptions,
  claimReminder,
  deleteSubscription,
  deleteUserSubscriptions,
  listSubscriptions,
  releaseReminder,
  subscribe,
} from './reminders.ts';
import { createQuicktestStore } from './quicktest.ts';
import { createQuicktestSharedStore } from './quicktest-shared.ts';

export function createDialogueStores(db: pg.Pool): DialogueStores {
  return {
    sessions: {
      load: (scope) => loadSession(db, scope),
      saveMunicipality: (scope, municipality) => saveMunicipality(db, scope, municipality),
      saveLanguage: (scope, language) => saveLanguage(db, scope, language),
      saveLastLanguage: (scope, language) => saveLastLanguage(db, scope, language),
      recordTurn: (scope, turn, entry) => recordTurn(db, scope, turn, entry),
      clearTurns: (scope) => clearTurns(db, scope),
      deleteUser: (userKey) => deleteUserSessions(db, userKey),
      purgeTexts: (cutoff) => purgeTurnTexts(db, cutoff),
      hmacKey: (generate) => loadOrCreateHmacKey(db, generate),
    },
    queryLog: {
      exists: (answerId) => answerExists(db, answerId),
      deleteUser: (userKey) => deleteUserQueries(db, userKey),
      purgeTexts: (cutoff) => purgeQuestionTexts(db, cutoff),
    },
    feedback: {
      save: (row) => saveFeedback(db, row),
      deleteUser: (userKey) => deleteUserFeedback(db, userKey),
      purgeTexts: (cutoff) => purgeComments(db, cutoff),
    },
    catalog: {
      municipalities: (audience) => listMunicipalities(db, audience),
      documents: () => listDocuments(db),
    },
    report: {
      totals: (filter) => totals(db, filter),
      topicCounts: (filter) => topicCounts(db, filter),
      unansweredQuestions: (filter) => unansweredQuestions(db, filter),
      feedbackSummary: (filter) => feedbackSummary(db, filter),
    },
    calendar: {
      upcoming: (from, filter) => upcoming(db, from, filter),
    },
    reminders: {
      subscribe: (sub) => subscribe(db, sub),
      list: (userKey) => listSubscriptions(db, userKey),
      all: () => allSubscriptions(db),
      deleteUser: (userKey) => deleteUserSubscriptions(db, userKey),
      deleteOne: (userKey, id) => deleteSubscription(db, userKey, id),
      claim: (key) => claimReminder(db, key),
      release: (key) => releaseReminder(db, key),
    },
    quicktest: createQuicktestStore(db),
    quicktestShared: createQuicktestSharedStore(db),
  };
}
