/**
 * The Teams app package: `manifest.json` (schema v1.30), the colour and outline icons, and Swedish
 * and English localisation files, zipped at the root as Teams wants it. Upload the zip in Teams
 * (Apps › Manage your apps › Upload an app) or in the Teams admin centre.
 */
import JSZip from 'jszip';
import { commandMenu } from '../../src/dialogue/vocabulary.ts';
import { registerStrings, t } from '../../src/kernel/i18n/index.ts';
import { teams as teamsStrings } from '../../src/kernel/i18n/teams.ts';
import type { Language } from '../../src/kernel/types.ts';
import { colorIcon, outlineIcon } from './png.ts';
import { KumppaniError } from '../../src/kernel/errors.ts';

registerStrings(teamsStrings);

export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;
export const ACCENT_COLOR = '#0A58A8';

/** The manifest's default language; the others come as localisation files. */
const DEFAULT_LANGUAGE: Language = 'fi';
const OTHER_LANGUAGES: Language[] = ['sv', 'en'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

export interface ManifestOptions {
  /** The Azure Bot's Microsoft App ID (MicrosoftAppId). */
  botId: string;
  /** The Teams app's own id; defaults to the bot id. */
  appId?: string;
  /** App version, x.y.z; raise it for every new upload. */
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
  /** Host names the app may open (the server's public host). */
  validDomains?: string[];
}

/** Thrown when the manifest would be rejected by Teams; the message says what to change. */
export class ManifestError extends KumppaniError {
  constructor(message: string) {
    super('KUMPPANI_TEAMS_MANIFEST', message);
  }
}

function checkOptions(o: ManifestOptions): void {
  const problems: string[] = [];
  if (!GUID.test(o.botId))
    problems.push(`the bot id must be the Azure Bot's Microsoft App ID, a GUID (got "${o.botId}")`);
  if (o.appId && !GUID.test(o.appId)) problems.push(`--app-id must be a GUID (got "${o.appId}")`);
  if (!SEMVER.test(o.version)) problems.push(`--app-version must look like 1.2.3 (got "${o.version}")`);
  if (!o.developerName.trim() || o.developerName.length > 32)
    problems.push('--developer must be 1-32 characters');
  for (const [name, url] of [
    ['--website', o.websiteUrl],
    ['--privacy', o.privacyUrl],
    ['--terms', o.termsOfUseUrl],
  ] as const) {
    if (!/^https:\/\/[^\s/]+/.test(url)) problems.push(`${name} must be an https:// URL (got "${url}")`);
  }
  if (problems.length)
    throw new ManifestError(`Cannot build the Teams app package:\n  ${problems.join('\n  ')}`);
}

/**
 * The command menu: the commands Teams delivers as typed words, from the dialogue's vocabulary
 * (the menu inserts the word as the message, which the dialogue reads with the same table).
 */
function commandList(lang: Language) {
  return commandMenu('teams', 'word', lang).map((c) => ({
    title: c.word,
    description: t(lang, `teams.command.${c.kind}`),
  }));
}

export function buildManifest(o: ManifestOptions): Record<string, unknown> {
  checkOptions(o);
  const lang = DEFAULT_LANGUAGE;
  const scopes = ['personal', 'team', 'groupChat'];
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: o.version,
    id: o.appId ?? o.botId,
    localizationInfo: {
      defaultLanguageTag: lang,
      additionalLanguages: OTHER_LANGUAGES.map((l) => ({ languageTag: l, file: `${l}.json` })),
    },
    developer: {
      name: o.developerName,
      websiteUrl: o.websiteUrl,
      privacyUrl: o.privacyUrl,
      termsOfUseUrl: o.termsOfUseUrl,
    },
    name: { short: t(lang, 'teams.app.short'), full: t(lang, 'teams.app.full') },
    description: { short: t(lang, 'teams.app.descriptionShort'), full: t(lang, 'teams.app.descriptionFull') },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: o.botId,
        scopes,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes, commands: commandList(lang) }],
      },
    ],
    validDomains: o.validDomains ?? [],
  };
}

/** A localisation file: the manifest's user-facing strings in another language. */
export function buildLocalization(lang: Language): Record<string, string> {
  const file: Record<string, string> = {
    $schema: LOCALIZATION_SCHEMA,
    'name.short': t(lang, 'teams.app.short'),
    'name.full': t(lang, 'teams.app.full'),
    'description.short': t(lang, 'teams.app.descriptionShort'),
    'description.full': t(lang, 'teams.app.descriptionFull'),
  };
  commandList(lang).forEach((c, i) => {
    file[`bots[0].commandLists[0].commands[${i}].title`] = c.title;
    file[`bots[0].commandLists[0].commands[${i}].description`] = c.description;
  });
  return file;
}

/** The zip to upload: every file at the root of the archive. */
export async function buildAppPackage(
  o: ManifestOptions,
): Promise<{ zip: Buffer; files: Record<string, Buffer> }> {
  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from(`${JSON.stringify(buildManifest(o), null, 2)}\n`),
    'color.png': colorIcon(ACCENT_COLOR),
    'outline.png': outlineIcon(),
  };
  for (const l of OTHER_LANGUAGES)
    files[`${l}.json`] = Buffer.from(`${JSON.stringify(buildLocalization(l), null, 2)}\n`);
  const zip = new JSZip();
  // A fixed date keeps the package byte-for-byte reproducible.
  const date = new Date('2026-01-01T00:00:00Z');
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date });
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), files };
}
