/**
 * `kumppani teams-manifest`: a Teams app package that Teams accepts (manifest v1.30 fields and
 * limits, icons of the required sizes, localisations) with the bot id from MicrosoftAppId.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA } from '../../adapters/teams/manifest.ts';
import { writeTeamsPackage } from '../../src/cli/commands/teams-manifest.ts';
import { ConfigError } from '../../src/config.ts';
import { testConfig } from '../server/fakes.ts';
import { parseCommand } from '../../src/dialogue/commands.ts';
import { delivers, VOCABULARY, type CommandKind } from '../../src/dialogue/vocabulary.ts';
import { commandActions } from '../../adapters/teams/cards.ts';

const BOT_ID = '8a0c2f4e-1b3d-4c5e-9f60-7a8b9c0d1e2f';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-teams-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** Root properties the v1.x schemas allow (those this package could use). */
const ROOT_KEYS = [
  '$schema',
  'manifestVersion',
  'version',
  'id',
  'localizationInfo',
  'developer',
  'name',
  'description',
  'icons',
  'accentColor',
  'bots',
  'validDomains',
  'permissions',
];
const HTTPS = /^https:\/\/[^\s]+$/;

/** Reads an 8-bit RGBA, non-interlaced PNG written with filter 0 (what the package contains). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('the Teams app package', async () => {
  const config = testConfig({
    MicrosoftAppId: BOT_ID,
    MicrosoftAppPassword: 'secret',
    KUMPPANI_PUBLIC_URL: 'https://kumppani.example.fi',
  });
  const { zipPath } = await writeTeamsPackage(
    { out, developer: 'Kuntaliitto Demo', appVersion: '1.2.3' },
    config,
  );
  const zip = await JSZip.loadAsync(fs.readFileSync(zipPath));
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));

  it('holds exactly the manifest, the two icons and the localisations, at the root of the zip', () => {
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'en.json',
      'manifest.json',
      'outline.png',
      'sv.json',
    ]);
  });

  it('is a v1.30 manifest with the bot id from MicrosoftAppId and the required fields within their limits', () => {
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA);
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.30');
    expect(Object.keys(manifest).every((k) => ROOT_KEYS.includes(k))).toBe(true);
    for (const k of [
      'manifestVersion',
      'version',
      'id',
      'developer',
      'name',
      'description',
      'icons',
      'accentColor',
    ])
      expect(manifest[k]).toBeDefined();
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.developer.name).toBe('Kuntaliitto Demo');
    for (const k of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'])
      expect(manifest.developer[k]).toMatch(HTTPS);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.validDomains).toEqual(['kumppani.example.fi']);
    const commands = manifest.bots[0].commandLists[0].commands as Array<{
      title: string;
      description: string;
    }>;
    expect(commands.length).toBeLessThanOrEqual(12);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    // The dialogue's vocabulary: the words Teams delivers typed, each read back as its command.
    expect(commands.map((c) => c.title)).toEqual([
      'kunta',
      'kieli',
      'tietoja',
      'uusi',
      'muistuta',
      'muistutukset',
      'pikatesti',
      'unohda',
      'apua',
    ]);
    for (const c of commands) expect(parseCommand(c.title, 'teams'), c.title).toBeDefined();
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparency', async () => {
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    const color = decodePng(await zip.file('color.png')!.async('nodebuffer'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let visible = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      if (outline.pixels[i + 3] === 0) continue;
      visible++;
      expect([outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50);
    expect(visible).toBeLessThan(32 * 32 - 100);
  });

  it('carries Swedish and English localisations of the names, descriptions and commands', async () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'fi',
      additionalLanguages: [
        { languageTag: 'sv', file: 'sv.json' },
        { languageTag: 'en', file: 'en.json' },
      ],
    });
    const sv = JSON.parse(await zip.file('sv.json')!.async('string'));
    expect(sv.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json',
    );
    for (const k of ['name.short', 'description.short', 'description.full']) expect(sv[k]).toBeTruthy();
    expect(sv['description.short'].length).toBeLessThanOrEqual(80);
    expect(sv['bots[0].commandLists[0].commands[0].title']).toBe('kommun');
    const en = JSON.parse(await zip.file('en.json')!.async('string'));
    // Each localised command title is a word the dialogue reads as a command on Teams.
    for (const file of [sv, en]) {
      const titles = Object.entries(file as Record<string, string>).filter(([k]) => k.endsWith('.title'));
      expect(titles).toHaveLength(9);
      for (const [, title] of titles) expect(parseCommand(title, 'teams'), title).toBeDefined();
    }
    expect(en['description.short'].length).toBeLessThanOrEqual(80);
    const allowed =
      /^(\$schema|name\.short|name\.full|description\.short|description\.full|bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.(title|description))$/;
    for (const k of [...Object.keys(sv), ...Object.keys(en)]) expect(k).toMatch(allowed);
  });

  it('also writes the files unpacked next to the zip', () => {
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).id).toBe(BOT_ID);
  });

  it('names the variable to set when there is no bot id or no public address', async () => {
    await expect(
      writeTeamsPackage({ out, developer: 'x' }, testConfig({ KUMPPANI_PUBLIC_URL: 'https://a.example' })),
    ).rejects.toThrow(ConfigError);
    await expect(
      writeTeamsPackage({ out, developer: 'x' }, testConfig({ KUMPPANI_PUBLIC_URL: 'https://a.example' })),
    ).rejects.toThrow(/MicrosoftAppId/);
    await expect(writeTeamsPackage({ out, developer: 'x', botId: BOT_ID }, testConfig())).rejects.toThrow(
      /KUMPPANI_PUBLIC_URL/,
    );
    await expect(
      writeTeamsPackage(
        { out, developer: 'x', botId: 'not-a-guid', website: 'https://a.example' },
        testConfig(),
      ),
    ).rejects.toThrow(/GUID/);
  });
});

describe('the Teams command buttons', () => {
  it('are the commands the vocabulary says Teams delivers as buttons', () => {
    const kindOf: Record<string, CommandKind> = {
      'choose-municipality': 'municipality',
      languages: 'language',
      help: 'help',
      quicktest: 'quicktest',
      'forget-me': 'forget',
    };
    const pressed = commandActions('fi', false).map((a) => {
      const data = (a as { data: { kumppani: string; command?: { kind: string } } }).data;
      return kindOf[data.command?.kind ?? data.kumppani];
    });
    // Buttons of one reply rather than of every card: subscribing under a deadlines answer and
    // the reminder list's cancel buttons (tests/teams/reminders.test.ts presses both).
    const inReplies: CommandKind[] = ['remind', 'reminders'];
    const buttons = VOCABULARY.filter((e) => delivers(e, 'teams', 'button')).map((e) => e.kind);
    expect([...pressed, ...inReplies].sort()).toEqual([...buttons].sort());
  });
});
