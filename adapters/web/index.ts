/**
 * The web chat channel: a page a municipality can link to or embed (`/`, `/embed.js`) and its JSON
 * API (`/api/chat/*`). Plain HTML, CSS and a JavaScript module served as they are: no front-end build.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { registerStrings, t } from '../../src/kernel/i18n/index.ts';
import { web as webStrings } from '../../src/kernel/i18n/web.ts';
import type { ChannelContext, ChannelFactory } from '../../src/channels/channel.ts';
import { fromRoot } from '../../src/kernel/paths.ts';
import { accessibilityStatement } from './accessibility.ts';
import { chatApi, MAX_MESSAGE_LENGTH, requestLanguage } from './api.ts';
import { escapeHtml, frameAncestors, securityHeaders, sendPage } from './html.ts';

export { frameAncestors };

registerStrings(webStrings);

// From the root: the build in dist/ holds only the compiled scripts, not the page and its assets.
const PUBLIC_DIR = fromRoot('adapters/web/public');

export function webRouter(ctx: ChannelContext): Router {
  const ancestors = frameAncestors(ctx.config.web.frameAncestors);
  const template = fs.readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
  const router = Router();

  router.use('/api/chat', chatApi(ctx));

  // The page is rendered in the visitor's language so that it reads right before any script runs.
  router.get(['/', '/index.html'], (req, res) => {
    const lang = requestLanguage(req);
    const html = template
      .replace(/\{\{lang\}\}/g, lang)
      .replace(/\{\{maxLength\}\}/g, String(MAX_MESSAGE_LENGTH))
      .replace(/\{\{(web\.[\w.]+)\}\}/g, (_m, key: string) =>
        escapeHtml(t(lang, key, { max: MAX_MESSAGE_LENGTH })),
      );
    sendPage(res, ancestors, lang, html);
  });

  router.get('/accessibility', (req, res) => {
    const lang = requestLanguage(req);
    sendPage(res, ancestors, lang, accessibilityStatement(lang, ctx.config.accessibility));
  });

  router.use(
    express.static(PUBLIC_DIR, {
      index: false,
      maxAge: '10m',
      setHeaders: (res) => securityHeaders(res, ancestors),
    }),
  );
  return router;
}

export const createWebChannel: ChannelFactory = (ctx) => ({
  name: 'web',
  mountPath: '/',
  router: webRouter(ctx),
  mode: 'page and API',
});
