/**
 * `SLACK_API_URL` for Socket Mode. Bolt's Socket Mode receiver opens its connection with a Web API
 * call (`apps.connections.open`) whose base URL cannot be configured, but it accepts an undici
 * dispatcher; this one sends requests meant for https://slack.com/api/ to `SLACK_API_URL` instead,
 * so tests (and a local Slack stand-in) can serve that call. Everything else passes untouched.
 */
import { Agent, type Dispatcher } from 'undici';

const SLACK_ORIGIN = 'https://slack.com';

export function slackApiDispatcher(apiUrl: string): Dispatcher {
  const target = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  const base = target.pathname.replace(/\/$/, '');
  return new Agent().compose(
    (dispatch) => (opts, handler) =>
      String(opts.origin) === SLACK_ORIGIN && opts.path.startsWith('/api/')
        ? dispatch({ ...opts, origin: target.origin, path: base + opts.path.slice('/api'.length) }, handler)
        : dispatch(opts, handler),
  );
}
