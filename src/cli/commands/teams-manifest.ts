/**
 * `kumppani teams-manifest [--out DIR]`: writes the Teams app package (manifest.json with the bot
 * id from MicrosoftAppId, icons, localisations, zipped) ready to upload to Teams.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildAppPackage, MANIFEST_VERSION, type ManifestOptions } from '../../../adapters/teams/manifest.ts';
import { ConfigError, loadConfig, type Config } from '../../config.ts';
import { fromRoot } from '../../kernel/paths.ts';

export interface ManifestCliOptions {
  out: string;
  botId?: string;
  appId?: string;
  appVersion?: string;
  developer: string;
  website?: string;
  privacy?: string;
  terms?: string;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '1.0.0';
  } catch {
    return '1.0.0';
  }
}

export async function writeTeamsPackage(
  opts: ManifestCliOptions,
  config: Config = loadConfig(),
): Promise<{ zipPath: string; files: string[] }> {
  const botId = opts.botId ?? config.env.MicrosoftAppId;
  if (!botId) {
    throw new ConfigError([
      "MicrosoftAppId: required for the Teams app package; set it to the Azure Bot's Microsoft App ID (or pass --bot-id)",
    ]);
  }
  const website = opts.website ?? config.publicUrl;
  if (!website) {
    throw new ConfigError([
      'KUMPPANI_PUBLIC_URL: required for the Teams app package; set it to the https:// address of this server (or pass --website)',
    ]);
  }
  const options: ManifestOptions = {
    botId,
    appId: opts.appId,
    version: opts.appVersion ?? packageVersion(),
    developerName: opts.developer,
    websiteUrl: website,
    privacyUrl: opts.privacy ?? website,
    termsOfUseUrl: opts.terms ?? website,
    validDomains: /^https?:\/\//.test(website) ? [new URL(website).host] : [],
  };
  const { zip, files } = await buildAppPackage(options);
  fs.mkdirSync(opts.out, { recursive: true });
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(opts.out, name), data);
  const zipPath = path.join(opts.out, 'kumppani-teams.zip');
  fs.writeFileSync(zipPath, zip);
  return { zipPath, files: Object.keys(files) };
}

export function register(program: Command): void {
  program
    .command('teams-manifest')
    .description(
      `Write the Teams app package (manifest v${MANIFEST_VERSION}, icons, zip) to upload to Microsoft Teams`,
    )
    .option('-o, --out <dir>', 'directory to write to', 'teams-app')
    .option('--bot-id <guid>', 'the Azure Bot Microsoft App ID (default: MicrosoftAppId)')
    .option('--app-id <guid>', 'the Teams app id (default: the bot id)')
    .option('--app-version <x.y.z>', 'app version; raise it for every upload (default: package.json version)')
    .option('--developer <name>', 'publisher name shown in Teams (max 32 characters)', 'Kumppani')
    .option('--website <url>', 'https:// page about the app (default: KUMPPANI_PUBLIC_URL)')
    .option('--privacy <url>', 'https:// privacy statement (default: the website)')
    .option('--terms <url>', 'https:// terms of use (default: the website)')
    .action(async (opts: ManifestCliOptions) => {
      const { zipPath, files } = await writeTeamsPackage(opts);
      process.stdout.write(
        `Wrote ${zipPath} (${files.join(', ')}).\n` +
          'Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app (or in the Teams admin centre).\n',
      );
    });
}
