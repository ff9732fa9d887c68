/** What every page of the web chat shares: HTML escaping and the security headers. */
import type { Response } from 'express';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `frame-ancestors` from WEB_FRAME_ANCESTORS, stripped of anything that could end the directive. */
export function frameAncestors(value: string): string {
  const v = value.replace(/[;,\r\n]/g, ' ').trim();
  return v === '' ? "'none'" : v;
}

export function securityHeaders(res: Response, ancestors: string): void {
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

/** Sends a page rendered in `lang`, never cached as another language's. */
export function sendPage(res: Response, ancestors: string, lang: string, html: string): void {
  securityHeaders(res, ancestors);
  res
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Language': lang,
    })
    .send(html);
}
