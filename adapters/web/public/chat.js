/* global sessionStorage, location, URLSearchParams, Element */
// Kumppani web chat: a plain ES module, no build step. Talks to /api/chat/*.
// Ids are random and stay in the browser: the conversation id for this tab (sessionStorage), the
// user id across visits (localStorage). The server pseudonymises the user id before storing anything.

const $ = (id) => document.getElementById(id);
const els = {
  log: $('log'),
  intro: $('intro'),
  form: $('composer'),
  message: $('message'),
  send: $('send'),
  error: $('message-error'),
  status: $('status'),
  municipality: $('municipality'),
  calendar: $('calendar-link'),
  calendarKinds: $('calendar-kinds'),
  language: $('language'),
  newConversation: $('new-conversation'),
  scroller: document.querySelector('.conversation'),
};

const params = new URLSearchParams(location.search);
const LANGS = ['fi', 'sv', 'en'];
const state = {
  lang: LANGS.includes(document.documentElement.lang) ? document.documentElement.lang : 'fi',
  strings: {},
  maxLength: Number(els.message.getAttribute('maxlength')) || 1000,
  busy: false,
};

function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function stored(storage, key) {
  try {
    let v = storage.getItem(key);
    if (!v) {
      v = randomId();
      storage.setItem(key, v);
    }
    return v;
  } catch {
    // Storage can be blocked (private mode, third-party iframe): keep ids for this page only.
    return randomId();
  }
}

const userId = stored(localStorage, 'kumppani.userId');
let conversationId = stored(sessionStorage, 'kumppani.conversationId');

// The municipality chosen in this tab, so that a reload shows what the server still remembers for
// this tab's conversation (the selector would otherwise start from "all" while the server does not).
const MUNICIPALITY_KEY = 'kumppani.municipality';
function rememberMunicipality(value) {
  showCalendarLink(value);
  try {
    if (value) sessionStorage.setItem(MUNICIPALITY_KEY, value);
    else sessionStorage.removeItem(MUNICIPALITY_KEY);
  } catch {
    // Storage blocked: a reload starts from "all municipalities" and a new conversation.
  }
}
// "Lisää kalenteriin": the chosen municipality's deadlines as an iCalendar feed (/calendar/X.ics),
// which a calendar app subscribes to; hidden while every municipality is chosen.
// Optionally only some grant kinds ("kohdeavustus, toiminta-avustus"), as /muistuta takes them.
function showCalendarLink(value) {
  if (!els.calendar) return;
  els.calendar.hidden = !value;
  if (els.calendarKinds) els.calendarKinds.hidden = !value;
  const kinds = els.calendarKinds ? els.calendarKinds.value.trim() : '';
  if (value)
    els.calendar.href =
      `/calendar/${encodeURIComponent(value)}.ics?lang=${state.lang}` +
      (kinds ? `&kinds=${encodeURIComponent(kinds)}` : '');
}
function rememberedMunicipality() {
  try {
    return sessionStorage.getItem(MUNICIPALITY_KEY);
  } catch {
    return null;
  }
}

function s(key, vars = {}) {
  const text = state.strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function announce(text) {
  // Clearing first makes screen readers announce a repeated text again.
  els.status.textContent = '';
  setTimeout(() => (els.status.textContent = text), 50);
}

function scrollToEnd() {
  els.scroller.scrollTop = els.scroller.scrollHeight;
}

async function api(path, body) {
  const res = await fetch(`/api/chat/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status === 204) return {};
  let data = {};
  try {
    data = await res.json();
  } catch {
    data = {};
  }
  if (!res.ok) {
    const err = new Error(data.error || s(res.status === 429 ? 'web.error.rateLimited' : 'web.error.server'));
    err.status = res.status;
    throw err;
  }
  return data;
}

// ---- strings and language --------------------------------------------------------------------

async function loadStrings(lang) {
  const data = await api(`strings?lang=${encodeURIComponent(lang)}`);
  state.strings = data.strings;
  state.maxLength = data.maxLength || state.maxLength;
}

function applyStrings() {
  document.documentElement.lang = state.lang;
  document.title = s('web.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = s(node.dataset.i18n);
  if (els.calendarKinds) {
    els.calendarKinds.setAttribute('aria-label', s('web.calendar.kinds'));
    els.calendarKinds.placeholder = s('web.calendar.kindsExample');
  }
  for (const opt of els.language.options) opt.textContent = s(`web.language.${opt.value}`);
  els.language.value = state.lang;
  const statement = document.getElementById('accessibility-link');
  if (statement) statement.href = `/accessibility?lang=${encodeURIComponent(state.lang)}`;
}

// ---- rendering ---------------------------------------------------------------------------------

function safeId(id) {
  return String(id).replace(/[^A-Za-z0-9_-]/g, '');
}

/** Text as DOM text nodes: a newline becomes a line break, nothing in it is ever markup. */
function appendText(node, text) {
  String(text)
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) node.append(el('br'));
      if (line) node.append(line);
    });
}

/** A part's citation numbers, each a link to its numbered source below the answer. */
function appendCites(node, cite, citations, replyId) {
  const marks = (cite ?? []).filter((n) => citations[n - 1]);
  if (!marks.length) return;
  node.append(' ');
  for (const n of marks) {
    node.append(
      el('a', {
        class: 'cite',
        href: `#src-${safeId(replyId)}-${n}`,
        'aria-label': s('web.source', { n, title: citations[n - 1].title }),
        text: `[${n}]`,
      }),
    );
  }
}

function appendParts(node, parts, citations, replyId) {
  for (const part of parts ?? []) {
    appendText(node, part.text);
    appendCites(node, part.cite, citations, replyId);
  }
}

/**
 * The reply's blocks as DOM: one paragraph per block, a regional comparison as a list with each
 * municipality's name in bold. Structure comes from the blocks' fields, never from their text.
 */
function renderBlocks(reply) {
  const citations = reply.citations ?? [];
  const frag = document.createDocumentFragment();
  for (const block of reply.blocks ?? []) {
    if (block.kind === 'municipalities') {
      const list = el('ul', { class: 'municipalities' });
      for (const item of block.items ?? []) {
        const li = el('li', {}, el('strong', { text: item.municipality }), ': ');
        appendParts(li, item.parts, citations, reply.id);
        list.append(li);
      }
      frag.append(list);
      continue;
    }
    const p = el('p', { class: `block-${block.kind}` });
    if (block.kind === 'answer') appendParts(p, block.parts, citations, reply.id);
    else if (block.kind === 'refusal') {
      appendText(p, block.text);
      if (block.contact) {
        p.append(' ');
        appendParts(p, [block.contact], citations, reply.id);
      } else if (block.hint) appendText(p, ` ${block.hint}`);
    } else appendText(p, block.text);
    frag.append(p);
  }
  return frag;
}

function renderSources(reply) {
  if (!reply.citations?.length) return null;
  const list = el('ol');
  reply.citations.forEach((c, i) => {
    const meta = [c.section, c.municipality, c.date].filter(Boolean).join(' · ');
    const title = c.url
      ? el(
          'a',
          { href: c.url, target: '_blank', rel: 'noopener noreferrer' },
          c.title,
          el('span', { class: 'sr-only', text: ` ${s('web.opensNewWindow')}` }),
        )
      : el('span', { text: c.title });
    list.append(
      el(
        'li',
        { id: `src-${safeId(reply.id)}-${i + 1}`, tabindex: '-1' },
        title,
        meta ? el('span', { class: 'meta', text: ` – ${meta}` }) : null,
      ),
    );
  });
  return el('div', { class: 'sources' }, el('h3', { text: s('web.sources') }), list);
}

function renderFeedback(reply) {
  const thanks = el('p', { class: 'thanks', role: 'status' });
  const buttons = [];
  const vote = async (value, button) => {
    try {
      await api('feedback', { answerId: reply.id, userId, vote: value, language: state.lang });
      for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
      thanks.textContent = s('web.feedback.thanks');
    } catch (err) {
      thanks.textContent = err.message;
    }
  };
  const up = el('button', {
    type: 'button',
    'aria-pressed': 'false',
    'aria-label': s('web.feedback.up'),
    title: s('web.feedback.up'),
    'data-vote': 'up',
    text: '👍',
  });
  const down = el('button', {
    type: 'button',
    'aria-pressed': 'false',
    'aria-label': s('web.feedback.down'),
    title: s('web.feedback.down'),
    'data-vote': 'down',
    text: '👎',
  });
  up.addEventListener('click', () => vote('up', up));
  down.addEventListener('click', () => vote('down', down));
  buttons.push(up, down);
  return el('div', { class: 'feedback' }, el('p', { text: s('web.feedback.question') }), up, down, thanks);
}

function renderChips(reply) {
  const chips = [];
  for (const q of reply.suggestions ?? [])
    chips.push(el('button', { type: 'button', onclick: () => ask(q) }, q));
  for (const c of reply.choices ?? [])
    chips.push(el('button', { type: 'button', onclick: () => runCommand(c.command, c.label) }, c.label));
  if (!chips.length) return null;
  const label = reply.suggestions?.length ? s('web.suggestions') : undefined;
  return el('div', { class: 'chips', role: 'group', 'aria-label': label }, ...chips);
}

function addMessage(who, content, extraClass = '') {
  const li = el(
    'li',
    { class: `message ${who} ${extraClass}`.trim() },
    el('span', { class: 'who', text: s(who === 'user' ? 'web.you' : 'web.bot') }),
  );
  li.append(content);
  els.log.append(li);
  scrollToEnd();
  return li;
}

function renderReply(reply) {
  const body = el('div', { class: 'reply', lang: reply.language || undefined });
  body.append(renderBlocks(reply));
  const sources = renderSources(reply);
  if (sources) body.append(sources);
  if (reply.kind === 'answer') body.append(renderFeedback(reply));
  const chips = renderChips(reply);
  if (chips) body.append(chips);
  addMessage('bot', body);
  announce(s('web.answered', { text: reply.text }));
}

// ---- sending -------------------------------------------------------------------------------------

function showError(message) {
  els.error.textContent = message;
  els.error.hidden = !message;
  els.error.setAttribute('role', message ? 'alert' : 'none');
  if (message) els.message.setAttribute('aria-invalid', 'true');
  else els.message.removeAttribute('aria-invalid');
}

/**
 * A reply that says which municipality the conversation now uses (a municipality button in the
 * answer, a typed "/kunta Kuopio") moves the selector with it, so the two never disagree.
 */
function followChoice(payload, reply) {
  if (reply.kind !== 'command') return;
  const asked = payload.command?.kind === 'set-municipality' ? payload.command.municipality : undefined;
  let value;
  if (asked === null) value = '';
  else if (reply.municipality) value = asked ?? reply.municipality;
  else return;
  if (![...els.municipality.options].some((o) => o.value === value)) return;
  els.municipality.value = value;
  rememberMunicipality(value || null);
}

// Turns go to the server one at a time, in order: a question asked while a quiet command (the
// municipality of a new conversation) is on its way is sent after it, so it is answered with it.
let queue = Promise.resolve();
function sendTurn(payload, options) {
  const run = queue.then(() => sendNow(payload, options));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function sendNow(payload, { quiet = false } = {}) {
  if (!quiet) {
    state.busy = true;
    els.send.disabled = true;
  }
  const thinking = quiet
    ? null
    : addMessage('bot', el('span', { class: 'thinking', text: s('web.thinking') }));
  if (!quiet) announce(s('web.thinking'));
  try {
    const { reply } = await api('turn', { conversationId, userId, language: state.lang, ...payload });
    thinking?.remove();
    followChoice(payload, reply);
    if (!quiet) renderReply(reply);
    return reply;
  } catch (err) {
    thinking?.remove();
    const message = err.status ? err.message : s('web.error.network');
    if (!quiet) {
      showError(message);
      if (err.status !== 400) addMessage('bot', el('p', { text: message }), 'error');
    }
    return null;
  } finally {
    if (!quiet) {
      state.busy = false;
      els.send.disabled = false;
    }
  }
}

async function ask(text) {
  const trimmed = text.trim();
  if (!trimmed) return showError(s('web.error.empty'));
  if (trimmed.length > state.maxLength)
    return showError(s('web.error.tooLong', { max: state.maxLength, length: trimmed.length }));
  showError('');
  addMessage('user', el('p', { text: trimmed }));
  els.message.value = '';
  await sendTurn({ text: trimmed });
  els.message.focus();
}

async function runCommand(command, label) {
  if (label) addMessage('user', el('p', { text: label }));
  await sendTurn({ command });
}

// ---- wiring --------------------------------------------------------------------------------------

els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!state.busy) ask(els.message.value);
});

els.message.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    if (!state.busy) ask(els.message.value);
  }
});
els.message.addEventListener('input', () => {
  if (!els.error.hidden) showError('');
});

els.calendarKinds?.addEventListener('input', () => showCalendarLink(els.municipality.value || null));

els.municipality.addEventListener('change', () => {
  const value = els.municipality.value || null;
  rememberMunicipality(value);
  sendTurn({ command: { kind: 'set-municipality', municipality: value } });
});

els.language.addEventListener('change', async () => {
  state.lang = els.language.value;
  showCalendarLink(els.municipality.value || null);
  try {
    await loadStrings(state.lang);
  } catch {
    // Keep the old strings: the page still works.
  }
  applyStrings();
  await sendTurn({ command: { kind: 'set-language', language: state.lang } });
});

els.newConversation.addEventListener('click', () => {
  conversationId = randomId();
  try {
    sessionStorage.setItem('kumppani.conversationId', conversationId);
  } catch {
    // Storage blocked: the id lives in this page only.
  }
  els.log.replaceChildren();
  showError('');
  // The server starts the new conversation with nothing chosen; the selector keeps the user's
  // choice in view, so the new conversation is told it before anything else is asked in it.
  const municipality = els.municipality.value;
  if (municipality) {
    sendTurn({ command: { kind: 'set-municipality', municipality } }, { quiet: true }).then((reply) => {
      // Not delivered: show what the server now uses (every municipality) rather than a false choice.
      if (!reply && els.municipality.value === municipality) {
        els.municipality.value = '';
        rememberMunicipality(null);
      }
    });
  }
  announce(s('web.newDone'));
  els.message.focus();
});

// A citation marker brings its source into view inside the conversation only: following the
// "#src-…" link would scroll every scrollable ancestor, the page (and an embedding page) included.
els.log.addEventListener('click', (e) => {
  const marker = e.target instanceof Element ? e.target.closest('a.cite') : null;
  if (!marker) return;
  const source = document.getElementById(marker.getAttribute('href').slice(1));
  if (!source) return;
  e.preventDefault();
  const view = els.scroller.getBoundingClientRect();
  const box = source.getBoundingClientRect();
  if (box.top < view.top || box.bottom > view.bottom) {
    // Centre the source in the conversation (or its top at the top when it is taller than the view).
    const offset = box.top - view.top - Math.max(0, (view.height - box.height) / 2);
    els.scroller.scrollTop += offset;
  }
  for (const old of els.log.querySelectorAll('.sources li.highlight')) old.classList.remove('highlight');
  source.classList.add('highlight');
  source.addEventListener('blur', () => source.classList.remove('highlight'), { once: true });
  source.focus({ preventScroll: true });
});

async function loadMunicipalities(selected) {
  try {
    const { municipalities } = await api('municipalities');
    for (const m of municipalities) els.municipality.append(el('option', { value: m.name, text: m.name }));
  } catch {
    // Without the list the chat still answers from every municipality's documents.
  }
  if (selected && [...els.municipality.options].some((o) => o.value === selected))
    els.municipality.value = selected;
  showCalendarLink(els.municipality.value || null);
}

// Embedded by embed.js: Escape inside the chat closes it (the host page never sees our keys).
if (params.get('embed') === '1' && window.parent !== window) {
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) window.parent.postMessage({ kumppani: 'close' }, '*');
  });
}

async function init() {
  if (params.get('embed') === '1') document.body.classList.add('embedded');
  const wanted = params.get('lang');
  if (wanted && LANGS.includes(wanted)) state.lang = wanted;
  try {
    await loadStrings(state.lang);
  } catch {
    state.strings = {};
  }
  applyStrings();
  const municipality = params.get('municipality');
  await loadMunicipalities(municipality || rememberedMunicipality());
  // A page that embeds the chat for one municipality chooses it for the visitor, quietly.
  if (municipality && els.municipality.value === municipality) {
    rememberMunicipality(municipality);
    await sendTurn({ command: { kind: 'set-municipality', municipality } }, { quiet: true });
  }
  document.body.dataset.ready = 'true';
}

init();
