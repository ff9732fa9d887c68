/**
 * The web chat channel: a page a municipality can link to or embed (`/`, `/embed.js`) and its JSON
 * API (`/api/chat/*`). Plain HTML, CSS and a JavaScript module served as they are: no front-end build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import { registerStrings, t } from '../../src/core/i18n/index.ts';
import { web as webStrings } from '../../src/core/i18n/web.ts';
import type { ChannelContext, ChannelFactory } from '../../src/server/channel.ts';
import { chatApi, MAX_MESSAGE_LENGTH, requestLanguage } from './api.ts';

registerStrings(webStrings);

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `frame-ancestors` from WEB_FRAME_ANCESTORS, stripped of anything that could end the directive. */
export function frameAncestors(value: string): string {
  const v = value.replace(/[;,\r\n]/g, ' ').trim();
  return v === '' ? "'none'" : v;
}

function securityHeaders(res: Response, ancestors: string): void {
  res.set({
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
      `frame-ancestors ${ancestors}`,
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    // Source links open other sites; they need not learn which page the user came from.
    'Referrer-Policy': 'no-referrer',
  });
}

export function webRouter(ctx: ChannelContext): Router {
  const ancestors = frameAncestors(ctx.config.env.WEB_FRAME_ANCESTORS);
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
    securityHeaders(res, ancestors);
    res
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Language': lang,
      })
      .send(html);
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
