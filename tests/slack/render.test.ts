/** The pure parts of the Slack adapter: mrkdwn escaping and splitting, Slack markup, slash text, rendering. */
import { describe, expect, it } from 'vitest';
import { missingTranslations } from '../../src/kernel/i18n/index.ts';
import { slack as slackStrings } from '../../src/kernel/i18n/slack.ts';
import type { Reply } from '../../src/kernel/types.ts';
import { said } from '../helpers/said.ts';
import { escapeMrkdwn, link, slackToPlain, splitMrkdwn } from '../../adapters/slack/mrkdwn.ts';
import { LIMITS, renderReply } from '../../adapters/slack/render.ts';
import { parseSlashText } from '../../adapters/slack/turn.ts';
import '../../adapters/slack/index.ts';

const ZWSP = '\u200B';
const reply = (over: Partial<Reply> = {}): Reply => ({
  id: 'a1',
  kind: 'answer',
  ...said('Hakuaika päättyy 31.3.'),
  answered: true,
  language: 'fi',
  citations: [],
  ...over,
});

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so that no markup (links, @channel) can be injected', () => {
    expect(escapeMrkdwn('<script>&<!channel>')).toBe('&lt;script&gt;&amp;&lt;!channel&gt;');
  });

  it('makes formatting characters at word edges inert but keeps them visible', () => {
    const out = escapeMrkdwn('*tärkeä* _huom_ ~ei~ `koodi`');
    expect(out).not.toMatch(/(^|\s)[*_~`][^\u200B]/);
    expect(out.replaceAll(ZWSP, '')).toBe('*tärkeä* _huom_ ~ei~ `koodi`');
  });

  it('leaves characters inside words and URLs alone so links keep working', () => {
    expect(escapeMrkdwn('tiedosto avustus_ohje_2024.pdf')).toBe('tiedosto avustus_ohje_2024.pdf');
    expect(escapeMrkdwn('Katso https://kunta.example/a_b?x=1&y=_2 nyt')).toBe(
      'Katso https://kunta.example/a_b?x=1&amp;y=_2 nyt',
    );
  });

  it('keeps a line that starts with > from turning into a quote', () => {
    expect(escapeMrkdwn('> lainaus').startsWith('&gt;')).toBe(false);
    expect(escapeMrkdwn('> lainaus')).toContain('&gt; lainaus');
  });
});

describe('link', () => {
  it('links only http(s) URLs and escapes the label', () => {
    expect(link('https://a.example/x?y=1&z=2', 'Ohje <2024>')).toBe(
      '<https://a.example/x?y=1&amp;z=2|Ohje &lt;2024&gt;>',
    );
    expect(link('javascript:alert(1)', 'Ohje')).toBe('Ohje');
    expect(link(undefined, 'Ohje')).toBe('Ohje');
  });
});

describe('splitMrkdwn', () => {
  it('cuts within the limit at word boundaries, never inside an entity or a link', () => {
    const unit = 'Sana &amp; <https://kunta.example/ohje|Ohje jossa välejä> ';
    const text = unit.repeat(200);
    const pieces = splitMrkdwn(text, 300);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(300);
      expect(p.split('<').length).toBe(p.split('>').length);
      expect(p).not.toMatch(/&[a-z]*$/);
      expect(p).not.toMatch(/^[a-z]*;/);
    }
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text.trim().replace(/\s+/g, ' '));
  });

  it('cuts a text with no spaces at all', () => {
    const pieces = splitMrkdwn('x'.repeat(7000), 3000);
    expect(pieces.map((p) => p.length)).toEqual([3000, 3000, 1000]);
  });
});

describe('slackToPlain', () => {
  it("removes the bot's mention and shows other markup as text", () => {
    expect(
      slackToPlain(
        '<@UBOT> mitä <@U2|maija> sanoi <#C1|yleinen>:ssa <https://a.example|ohjeesta> &amp; &lt;x&gt;',
        'UBOT',
      ),
    ).toBe('mitä @maija sanoi #yleinen:ssa ohjeesta (https://a.example) & <x>');
  });
});

describe('parseSlashText', () => {
  it('reads help, municipality commands and questions', () => {
    expect(parseSlashText('')).toEqual({ text: '', command: { kind: 'help' } });
    expect(parseSlashText('apua').command).toEqual({ kind: 'help' });
    expect(parseSlashText('kunta  Iisalmi ').command).toEqual({
      kind: 'set-municipality',
      municipality: 'Iisalmi',
    });
    expect(parseSlashText('kommun Vörå').command).toEqual({ kind: 'set-municipality', municipality: 'Vörå' });
    expect(parseSlashText('kunta kaikki').command).toEqual({ kind: 'set-municipality', municipality: null });
    expect(parseSlashText('kunta').command).toEqual({ kind: 'show-municipality' });
    expect(parseSlashText('Missä kunnissa tilat ovat maksuttomia?')).toEqual({
      text: 'Missä kunnissa tilat ovat maksuttomia?',
    });
  });
});

describe('renderReply', () => {
  it('puts the municipality, sources with page numbers and feedback buttons after the answer', () => {
    const [msg] = renderReply(
      reply({
        language: 'en',
        municipality: 'Iisalmi',
        citations: [{ source: 'x.pdf', title: 'Grant rules', page: 4, municipality: 'Iisalmi', score: 1 }],
      }),
    );
    const types = msg!.blocks.map((b) => b.type);
    expect(types).toEqual(['section', 'context', 'section', 'actions']);
    expect(JSON.stringify(msg!.blocks[1])).toContain('Municipality: Iisalmi');
    expect(JSON.stringify(msg!.blocks[2])).toContain('*Sources*\\n*[1]* Grant rules — Iisalmi · p. 4');
  });

  const sources = [
    { source: 'a.md', title: 'A', url: 'https://a.example/ohje', score: 1 },
    { source: 'b.md', title: 'B', url: 'https://b.example/liite', score: 0.9 },
  ];
  const bodyOf = (r: Reply) => {
    const [msg] = renderReply(r);
    return (msg!.blocks[0] as { text: { text: string } }).text.text.replaceAll(ZWSP, '');
  };

  it('links each citation number to its own source', () => {
    const body = bodyOf(
      reply({
        citations: sources,
        ...said([
          {
            kind: 'answer',
            parts: [
              { text: 'Haku päättyy 31.3.', cite: [2] },
              { text: ' Liitteet ovat pakollisia.', cite: [1] },
            ],
          },
        ]),
      }),
    );
    expect(body).toBe(
      'Haku päättyy 31.3. <https://b.example/liite|[2]> Liitteet ovat pakollisia. <https://a.example/ohje|[1]>',
    );
  });

  it('renders "[2]" and "• Foo:" inside document text as text, not as a link or a bold name', () => {
    const body = bodyOf(
      reply({
        citations: sources,
        ...said([{ kind: 'answer', parts: [{ text: '• Liite: katso kohta [2] ohjeesta.', cite: [1] }] }]),
      }),
    );
    expect(body).toBe('• Liite: katso kohta [2] ohjeesta. <https://a.example/ohje|[1]>');
    expect(body).not.toContain('*Liite*');
    expect(body).not.toContain('|[2]>');
  });

  it("puts a comparison's municipality names in bold from the block, each line with its source", () => {
    const body = bodyOf(
      reply({
        citations: sources,
        ...said([
          {
            kind: 'municipalities',
            items: [
              { municipality: 'Iisalmi', parts: [{ text: 'Tilat ovat maksuttomia.', cite: [1] }] },
              { municipality: 'Kuopio', parts: [{ text: 'Hinta: 10 € tunti.', cite: [2] }] },
            ],
          },
        ]),
      }),
    );
    expect(body).toBe(
      '• *Iisalmi*: Tilat ovat maksuttomia. <https://a.example/ohje|[1]>\n' +
        '• *Kuopio*: Hinta: 10 € tunti. <https://b.example/liite|[2]>',
    );
  });

  it('leaves a number unlinked when its source has no http(s) url, and names the contact in a refusal', () => {
    const body = bodyOf(
      reply({
        answered: false,
        citations: [{ source: 'c.md', title: 'C', url: 'javascript:alert(1)', score: 1 }],
        ...said([
          { kind: 'refusal', text: 'En löytänyt vastausta.', contact: { text: 'Kysy Annalta.', cite: [1] } },
        ]),
      }),
    );
    expect(body).toBe('En löytänyt vastausta. Kysy Annalta. [1]');
  });

  it('gives notices and command confirmations no feedback buttons', () => {
    for (const kind of ['notice', 'command'] as const) {
      const [msg] = renderReply(reply({ kind }));
      expect(msg!.blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });

  it('renders many choices in actions blocks of at most 25 buttons with short labels', () => {
    const choices = Array.from({ length: 30 }, (_, i) => ({
      label: `Kunta numero ${i} jolla on hyvin pitkä nimi joka ei mahdu napin tekstiin mitenkään kokonaan`,
      command: { kind: 'set-municipality' as const, municipality: `K${i}` },
    }));
    const [msg] = renderReply(reply({ kind: 'command', choices }));
    const actions = msg!.blocks.filter((b) => b.type === 'actions');
    expect(actions.map((a) => (a as { elements: unknown[] }).elements.length)).toEqual([25, 5]);
    for (const a of actions)
      for (const e of (a as { elements: Array<{ text: { text: string } }> }).elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
      }
  });

  it('offers follow-up suggestions as buttons that ask them', () => {
    const [msg] = renderReply(reply({ suggestions: ['Mitä liitteitä tarvitaan?'] }));
    const json = JSON.stringify(msg!.blocks);
    expect(json).toContain('Voit kysyä myös');
    expect(json).toContain('"action_id":"kumppani_ask:0","value":"Mitä liitteitä tarvitaan?"');
  });
});

describe('i18n', () => {
  it('has every Slack string in fi, sv and en', () => {
    expect(missingTranslations(slackStrings)).toEqual([]);
  });
});
