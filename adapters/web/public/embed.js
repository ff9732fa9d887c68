/* global location, URLSearchParams */
// Kumppani embed: one script tag on a municipality's page adds a chat button that opens the chat
// in an iframe.
//   <script src="https://kumppani.example.fi/embed.js" data-municipality="Iisalmi" data-lang="fi" defer></script>
// Styles are set through the DOM (not a stylesheet) so the host page's CSP and CSS stay untouched.
(function () {
  const script = document.currentScript;
  if (!script || window.__kumppaniEmbed) return;
  window.__kumppaniEmbed = true;

  const origin = new URL(script.src, location.href).origin;
  const lang = ['fi', 'sv', 'en'].includes(script.dataset.lang)
    ? script.dataset.lang
    : (document.documentElement.lang || 'fi').slice(0, 2);
  const query = new URLSearchParams({ embed: '1', lang: ['fi', 'sv', 'en'].includes(lang) ? lang : 'fi' });
  if (script.dataset.municipality) query.set('municipality', script.dataset.municipality);

  // Replaced by the chat's own i18n strings as soon as they arrive.
  const labels = { open: 'Kumppani', close: 'Kumppani', frame: 'Kumppani' };

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'kumppani-chat-frame');
  button.textContent = `💬 ${labels.open}`;
  Object.assign(button.style, {
    position: 'fixed',
    right: '1rem',
    bottom: '1rem',
    zIndex: '2147483000',
    padding: '0.75rem 1.1rem',
    font: '600 1rem/1.2 system-ui, sans-serif',
    color: '#ffffff',
    background: '#0a58a8',
    border: '2px solid #ffffff',
    borderRadius: '2rem',
    boxShadow: '0 2px 8px rgba(0,0,0,0.35)',
    cursor: 'pointer',
  });

  const frame = document.createElement('iframe');
  frame.id = 'kumppani-chat-frame';
  frame.title = labels.frame;
  frame.hidden = true;
  Object.assign(frame.style, {
    position: 'fixed',
    right: '1rem',
    bottom: '4.75rem',
    zIndex: '2147483000',
    width: 'min(26rem, calc(100vw - 2rem))',
    height: 'min(40rem, calc(100vh - 6rem))',
    border: '1px solid #767676',
    borderRadius: '0.75rem',
    boxShadow: '0 4px 18px rgba(0,0,0,0.3)',
    background: '#ffffff',
  });

  function setOpen(open, moveFocus = true) {
    if (open && !frame.src) frame.src = `${origin}/?${query}`;
    frame.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? `✕ ${labels.close}` : `💬 ${labels.open}`;
    if (open && moveFocus) frame.focus();
  }

  button.addEventListener('click', () => setOpen(frame.hidden));
  const close = () => {
    if (frame.hidden) return;
    setOpen(false);
    button.focus();
  };
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  // Escape pressed inside the chat arrives as a message from the iframe.
  window.addEventListener('message', (e) => {
    if (e.origin === origin && e.source === frame.contentWindow && e.data && e.data.kumppani === 'close')
      close();
  });

  // The button's words in the page's language, from the same tables the chat uses.
  fetch(`${origin}/api/chat/strings?lang=${query.get('lang')}`)
    .then((r) => (r.ok ? r.json() : null))
    .then((data) => {
      if (!data) return;
      labels.open = data.strings['web.launcher.open'] || labels.open;
      labels.close = data.strings['web.launcher.close'] || labels.close;
      labels.frame = data.strings['web.frame.title'] || labels.frame;
      frame.title = labels.frame;
      setOpen(!frame.hidden, false);
    })
    .catch(() => {});

  document.body.append(frame, button);
})();
