/**
 * Test doubles shared by the server, web and Teams tests: an Assistant that records what it was
 * asked and answers with a fixed, cited reply, and a Config built from a small environment.
 */
import { loadConfig, type Config } from '../../src/config.ts';
import type { IndexStats } from '../../src/store/documents.ts';
import type {
  Assistant,
  Block,
  FeedbackInput,
  MunicipalityInfo,
  Reply,
  Turn,
} from '../../src/kernel/types.ts';
import { noticeBlocks, plainText } from '../../src/kernel/blocks.ts';

export interface FakeAssistant extends Assistant {
  turns: Turn[];
  votes: FeedbackInput[];
  /** Makes the next `handle` calls wait for this promise (to hold a request in flight). */
  gate?: Promise<void>;
}

export const FAKE_MUNICIPALITIES: MunicipalityInfo[] = [
  { name: 'Iisalmi', documents: 4 },
  { name: 'Kuopio', documents: 3 },
  { name: 'Vaasa', documents: 2 },
];

export function answerFor(turn: Turn, n: number): Reply {
  const blocks: Block[] = [
    {
      kind: 'answer',
      parts: [
        { text: 'Toiminta-avustusta haetaan vuosittain 31.3. mennessä', cite: [1] },
        { text: '. Hakemukseen liitetään toimintasuunnitelma ja talousarvio', cite: [2] },
        { text: '.', cite: [] },
      ],
    },
  ];
  return {
    id: `answer-${n}`,
    kind: 'answer',
    blocks,
    text: plainText(blocks),
    answered: !/tuntematon|unknown/i.test(turn.text),
    language: 'fi',
    municipality: 'Iisalmi',
    citations: [
      {
        source: 'iisalmi/avustukset.md',
        title: 'Iisalmen avustusohje',
        section: 'Avustukset › Toiminta-avustus',
        url: 'https://www.iisalmi.fi/avustukset',
        municipality: 'Iisalmi',
        date: '2025-01-15',
        score: 0.9,
      },
      {
        source: 'iisalmi/yhteistyo.md',
        title: 'Järjestöyhteistyön ohje',
        section: 'Avustukset',
        municipality: 'Iisalmi',
        date: '2024-11-02',
        score: 0.7,
      },
    ],
    suggestions: ['Mitä käyttöselvitykseen kuuluu?'],
  };
}

export function createFakeAssistant(): FakeAssistant {
  let n = 0;
  const fake: FakeAssistant = {
    turns: [],
    votes: [],
    async handle(turn: Turn): Promise<Reply> {
      fake.turns.push(turn);
      if (fake.gate) await fake.gate;
      n += 1;
      if (turn.command) {
        const c = turn.command;
        if (c.kind === 'choose-municipality') {
          return {
            id: `command-${n}`,
            kind: 'command',
            blocks: noticeBlocks('Valitse kunta'),
            text: 'Valitse kunta',
            answered: false,
            language: 'fi',
            citations: [],
            choices: FAKE_MUNICIPALITIES.map((m) => ({
              label: m.name,
              command: { kind: 'set-municipality', municipality: m.name },
            })),
          };
        }
        return {
          id: `command-${n}`,
          kind: 'command',
          blocks: noticeBlocks(`OK: ${c.kind}`),
          text: `OK: ${c.kind}`,
          answered: false,
          language: 'fi',
          citations: [],
        };
      }
      return answerFor(turn, n);
    },
    async feedback(input: FeedbackInput): Promise<void> {
      fake.votes.push(input);
    },
    async municipalities(): Promise<MunicipalityInfo[]> {
      return FAKE_MUNICIPALITIES;
    },
  };
  return fake;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    KUMPPANI_DATA_DIR: 'memory',
    KUMPPANI_AUTO_INGEST: 'false',
    ...env,
  });
}

/** An index that answers `/healthz` as if it held a few documents. */
export async function fakeIndexStats(): Promise<IndexStats> {
  return { documents: 3, activeDocuments: 3, chunks: 12 };
}
