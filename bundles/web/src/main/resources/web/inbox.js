// The subscriber's inbox: log on with mailbox and PIN, then messages, greetings, PIN, callout and email.
import {
  BASE, ApiError, get, post, put, del, request, setCsrfToken, whenSessionLost, el, minutesSeconds, when, show,
} from './client.js';

const $ = (id) => document.getElementById(id);
const GREETING_NAMES = { PERSONAL: 'Personal greeting', BUSY: 'Busy greeting', NAME: 'Recorded name' };
const REFRESH_MILLIS = 30_000;

const state = {
  session: null,
  mailbox: null,
  messages: [],
  greetings: null,
  playing: null, // {kind: 'message'|'greeting', id, folder, heard}
  refreshTimer: null,
};

// ---------- log on / log off ----------

function showLogon(message, kind = 'error') {
  stopPlayer();
  clearInterval(state.refreshTimer);
  state.session = null;
  setCsrfToken(null);
  $('inbox').hidden = true;
  $('who').hidden = true;
  $('logon').hidden = false;
  show($('logon-error'), message || '', kind);
  $('logon-pin').value = '';
  $('logon-mailbox').focus();
}

function showInbox(session) {
  state.session = session;
  setCsrfToken(session.csrfToken);
  $('logon').hidden = true;
  $('inbox').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = session.name ? `${session.name} (${session.mailbox})` : `Mailbox ${session.mailbox}`;
  show($('error'), '');
  show($('notice'), '', 'info');
  clearInterval(state.refreshTimer);
  state.refreshTimer = setInterval(() => {
    if (!document.hidden) refresh({ quiet: true });
  }, REFRESH_MILLIS);
  refresh();
  loadEmail();
}

$('logon-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const mailbox = $('logon-mailbox').value.trim();
  const pin = $('logon-pin').value;
  if (!mailbox || !pin) {
    show($('logon-error'), !mailbox ? 'Enter your mailbox number.' : 'Enter your PIN.');
    (!mailbox ? $('logon-mailbox') : $('logon-pin')).focus();
    return;
  }
  const button = $('logon-submit');
  button.disabled = true;
  show($('logon-error'), '');
  try {
    const session = await request('POST', '/session', { mailbox, pin }, { logon: true });
    $('logon-pin').value = '';
    showInbox(session);
  } catch (e) {
    let text = e.message;
    if (e.status === 423 && e.body.lockedUntil) {
      text += ` (locked until ${new Date(e.body.lockedUntil).toLocaleString()})`;
    }
    show($('logon-error'), text);
    $('logon-pin').value = '';
    $('logon-pin').focus();
  } finally {
    button.disabled = false;
  }
});

$('logoff').addEventListener('click', async () => {
  try {
    await del('/session');
  } catch (e) {
    // the session may have ended already: the page logs off either way
  }
  showLogon('You have logged off. Deleted messages have been removed.', 'info');
});

whenSessionLost(() => showLogon('Your session has ended. Please log on again.'));

// ---------- errors and notices ----------

function failed(e) {
  if (e instanceof ApiError && e.status === 401) return; // showLogon has said it
  show($('error'), e.message || String(e));
}

function notice(text) {
  show($('error'), '');
  show($('notice'), text, 'info');
}

/** Runs an action of a button: disabled while it runs, the API's error shown. */
async function act(button, action) {
  if (button) button.disabled = true;
  show($('error'), '');
  try {
    await action();
  } catch (e) {
    failed(e);
  } finally {
    if (button && button.isConnected) button.disabled = false;
  }
}

// ---------- loading ----------

async function refresh({ quiet = false } = {}) {
  try {
    const [mailbox, current, deleted, greetings] = await Promise.all([
      get('/mailbox'), get('/messages'), get('/messages?folder=DELETED'), get('/greetings'),
    ]);
    state.mailbox = mailbox;
    state.messages = [...current.messages, ...deleted.messages];
    state.greetings = greetings;
    renderMailbox();
    renderMessages();
    renderGreetings(greetings);
  } catch (e) {
    if (!quiet || e.status === 401) failed(e);
  }
}

$('refresh').addEventListener('click', (e) => act(e.currentTarget, () => refresh()));

function renderMailbox() {
  const m = state.mailbox;
  const c = m.counts || {};
  $('count-unheard').textContent = c.unheard ?? 0;
  $('count-new').textContent = c.new ?? 0;
  $('count-saved').textContent = c.saved ?? 0;
  $('count-deleted').textContent = c.deleted ?? 0;
  $('count-usage').textContent = minutesSeconds(c.totalSeconds);
  $('count-usage-label').textContent = c.maxTotalSeconds
    ? `Recorded, of ${minutesSeconds(c.maxTotalSeconds)} (${c.maxMessages} messages at most)`
    : 'Recorded';
  const callout = $('callout-number');
  if (document.activeElement !== callout && !callout.dataset.dirty) callout.value = m.calloutNumber || '';
}

// ---------- messages ----------

/** Keeps the keyboard focus on the same button when a table is drawn again. */
function keepingFocus(draw) {
  const a = document.activeElement;
  const row = a && a.closest ? a.closest('tr[data-message-id]') : null;
  const key = row && a.dataset.action ? [row.dataset.messageId, a.dataset.action] : null;
  draw();
  if (key) {
    const again = document.querySelector(`tr[data-message-id="${CSS.escape(key[0])}"] [data-action="${key[1]}"]`);
    if (again) again.focus();
  }
}

function renderMessages() {
  keepingFocus(() => {
    for (const folder of ['NEW', 'SAVED', 'DELETED']) {
      const table = document.querySelector(`table[data-folder="${folder}"]`);
      const body = table.tBodies[0];
      const rows = state.messages.filter((m) => m.folder === folder).map(messageRow);
      if (rows.length === 0) {
        const empty = { NEW: 'No new messages.', SAVED: 'No saved messages.', DELETED: 'No deleted messages.' }[folder];
        rows.push(el('tr', { class: 'empty' }, el('td', { colspan: 6 }, empty)));
      }
      body.replaceChildren(...rows);
    }
  });
}

function messageRow(m) {
  const playing = state.playing && state.playing.kind === 'message' && state.playing.id === m.id;
  const actions = [
    el('button', { type: 'button', class: 'small', 'data-action': 'play', 'aria-label': `Play the message from ${caller(m)}`,
      onclick: () => playMessage(m) }, 'Play'),
  ];
  if (m.folder === 'NEW') {
    actions.push(el('button', { type: 'button', class: 'small secondary', 'data-action': 'save',
      'aria-label': `Save the message from ${caller(m)}`,
      onclick: (e) => act(e.currentTarget, () => messageAction(m, 'POST', 'save', 'Message saved.')) }, 'Save'));
  }
  if (m.folder === 'DELETED') {
    actions.push(el('button', { type: 'button', class: 'small secondary', 'data-action': 'undelete',
      'aria-label': `Undelete the message from ${caller(m)}`,
      onclick: (e) => act(e.currentTarget, () => messageAction(m, 'POST', 'undelete', 'Message undeleted: it is in your saved messages.')) }, 'Undelete'));
  } else {
    actions.push(el('button', { type: 'button', class: 'small danger', 'data-action': 'delete',
      'aria-label': `Delete the message from ${caller(m)}`,
      onclick: (e) => act(e.currentTarget, () => messageAction(m, 'DELETE', null, 'Message deleted. You can undelete it until you log off.')) }, 'Delete'));
  }
  return el('tr', {
    dataset: { messageId: m.id, folder: m.folder, heard: String(m.heard), urgent: String(m.urgent) },
    class: [m.heard ? '' : 'unheard', playing ? 'playing' : ''].join(' ').trim() || undefined,
  },
  el('td', { class: 'caller' },
    el('span', { class: 'caller-number' }, m.callingNumber || 'Unknown caller'),
    m.callingName ? el('span', { class: 'name caller-name' }, m.callingName) : null),
  el('td', { class: 'received' }, el('time', { datetime: m.received }, when(m.received))),
  el('td', { class: 'num duration', dataset: { seconds: String(m.durationSeconds) } }, minutesSeconds(m.durationSeconds)),
  el('td', { class: 'urgent' }, m.urgent ? el('span', { class: 'badge bad' }, 'Urgent') : ''),
  el('td', { class: 'heard' }, m.heard ? el('span', { class: 'badge' }, 'Heard') : el('span', { class: 'badge info' }, 'Unheard')),
  el('td', { class: 'actions' }, actions));
}

function caller(m) {
  return [m.callingName, m.callingNumber].filter(Boolean).join(' ') || 'an unknown caller';
}

async function messageAction(m, method, action, done) {
  const path = `/messages/${encodeURIComponent(m.id)}${action ? `/${action}` : ''}`;
  if (state.playing && state.playing.kind === 'message' && state.playing.id === m.id && method === 'DELETE') {
    stopPlayer();
  }
  const updated = await request(method, path, method === 'DELETE' ? undefined : {});
  replaceMessage(updated);
  notice(done);
  await refresh({ quiet: true });
}

function replaceMessage(updated) {
  if (!updated || !updated.id) return;
  state.messages = state.messages.map((m) => (m.id === updated.id ? updated : m));
  if (state.playing && state.playing.id === updated.id) {
    state.playing.folder = updated.folder;
    state.playing.heard = updated.heard;
  }
  renderMessages();
}

// ---------- the player ----------

const audio = $('player-audio');

function playMessage(m) {
  state.playing = { kind: 'message', id: m.id, folder: m.folder, heard: m.heard };
  $('player-now').textContent = `Message from ${caller(m)}, ${when(m.received)} (${minutesSeconds(m.durationSeconds)})`;
  audio.dataset.messageId = m.id;
  delete audio.dataset.greeting;
  start(`${BASE}/messages/${encodeURIComponent(m.id)}/audio`);
  renderMessages();
}

function playGreeting(greeting) {
  state.playing = { kind: 'greeting', id: greeting };
  $('player-now').textContent = GREETING_NAMES[greeting] || greeting;
  audio.dataset.greeting = greeting;
  delete audio.dataset.messageId;
  // a greeting just uploaded has the same URL: the browser must not play its cached copy
  start(`${BASE}/greetings/${encodeURIComponent(greeting)}/audio?v=${Date.now()}`);
  renderMessages();
}

function start(url) {
  audio.src = url;
  audio.play().catch((e) => {
    if (e.name !== 'AbortError') show($('error'), `The audio cannot be played: ${e.message}`);
  });
}

function stopPlayer() {
  audio.pause();
  audio.removeAttribute('src');
  delete audio.dataset.messageId;
  delete audio.dataset.greeting;
  audio.load();
  state.playing = null;
  $('player-now').textContent = 'Choose a message to play.';
}

// A message is heard when it has played to its end, as on the phone (a message interrupted by a
// key there is heard too; here "Save" marks it heard). Starting it does not, so a subscriber who
// only glances at the first seconds keeps the lamp lit.
audio.addEventListener('ended', async () => {
  const p = state.playing;
  if (!p || p.kind !== 'message' || p.folder !== 'NEW' || p.heard) return;
  p.heard = true;
  try {
    replaceMessage(await post(`/messages/${encodeURIComponent(p.id)}/heard`));
    await refresh({ quiet: true });
  } catch (e) {
    p.heard = false;
    failed(e);
  }
});

audio.addEventListener('error', () => {
  if (!audio.getAttribute('src')) return;
  // the audio URL answered an error: ask the API for its sentence
  const url = audio.currentSrc || audio.src;
  fetch(url, { headers: { Range: 'bytes=0-0' }, credentials: 'same-origin' })
    .then(async (r) => {
      let text = 'The audio cannot be played.';
      if (!r.ok) {
        try { text = (await r.json()).error || text; } catch (e) { /* not JSON */ }
        if (r.status === 401) { showLogon('Your session has ended. Please log on again.'); return; }
      }
      show($('error'), text);
    })
    .catch(() => show($('error'), 'The audio cannot be played.'));
});

// ---------- greetings ----------

function renderGreetings(g) {
  for (const value of ['PERSONAL', 'SYSTEM']) {
    const radio = $(`greeting-active-${value}`);
    radio.checked = g.active === value;
  }
  const personal = g.greetings.find((x) => x.greeting === 'PERSONAL');
  $('greeting-active-PERSONAL').disabled = !(personal && personal.recorded);
  const rows = g.greetings.map((x) => el('tr', { dataset: { greeting: x.greeting, recorded: String(x.recorded) } },
    el('th', { scope: 'row' }, GREETING_NAMES[x.greeting] || x.greeting,
      x.greeting === 'BUSY' ? el('span', { class: 'name hint' }, ' played when your line is busy') : null,
      x.greeting === 'NAME' ? el('span', { class: 'name hint' }, ' in the system greeting') : null),
    el('td', {}, x.recorded ? el('span', { class: 'badge ok' }, 'Recorded') : el('span', { class: 'badge' }, 'Not recorded')),
    el('td', { class: 'num' }, x.recorded ? minutesSeconds(x.seconds) : ''),
    el('td', { class: 'actions' },
      x.recorded ? el('button', { type: 'button', class: 'small', 'data-action': 'play',
        'aria-label': `Play the ${GREETING_NAMES[x.greeting]}`, onclick: () => playGreeting(x.greeting) }, 'Play') : null,
      el('button', { type: 'button', class: 'small secondary', 'data-action': 'upload',
        'aria-label': `Upload a WAV file as the ${GREETING_NAMES[x.greeting]}`, onclick: () => chooseFile(x.greeting) },
      x.recorded ? 'Replace…' : 'Upload…'),
      x.recorded ? el('button', { type: 'button', class: 'small danger', 'data-action': 'delete',
        'aria-label': `Delete the ${GREETING_NAMES[x.greeting]}`,
        onclick: (e) => act(e.currentTarget, async () => {
          if (state.playing && state.playing.kind === 'greeting' && state.playing.id === x.greeting) stopPlayer();
          renderGreetings(await del(`/greetings/${x.greeting}`));
          notice(`${GREETING_NAMES[x.greeting]} deleted.`);
        }) }, 'Delete') : null)));
  $('greetings-table').tBodies[0].replaceChildren(...rows);
}

for (const radio of document.querySelectorAll('#greeting-active input[type=radio]')) {
  radio.addEventListener('change', () => act(null, async () => {
    try {
      const g = await put('/greetings/active', { greeting: radio.value });
      renderGreetings(g);
      notice(g.active === 'PERSONAL' ? 'Callers now hear your personal greeting.' : 'Callers now hear the system greeting.');
    } catch (e) {
      if (state.greetings) renderGreetings(state.greetings);
      throw e;
    }
  }));
}

let uploadFor = null;
function chooseFile(greeting) {
  uploadFor = greeting;
  $('greeting-file').value = '';
  $('greeting-file').click();
}

$('greeting-file').addEventListener('change', () => {
  const file = $('greeting-file').files[0];
  const greeting = uploadFor;
  if (!file || !greeting) return;
  act(null, async () => {
    notice(`Uploading ${file.name}…`);
    try {
      // the API decides what a readable WAV is; the type is audio/wav whatever the browser guessed
      const g = await put(`/greetings/${greeting}`, file, { contentType: 'audio/wav' });
      state.greetings = g;
      renderGreetings(g);
      notice(`${GREETING_NAMES[greeting]} uploaded from ${file.name}.`);
    } catch (e) {
      show($('notice'), '', 'info');
      throw e;
    }
  });
});

// ---------- PIN and callout ----------

$('pin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = $('pin-message');
  const currentPin = $('pin-current').value;
  const newPin = $('pin-new').value;
  if (!currentPin || !newPin) {
    show(message, 'Enter your current PIN and the new one.');
    return;
  }
  if (newPin !== $('pin-repeat').value) {
    show(message, 'The two new PINs are not the same.');
    $('pin-repeat').focus();
    return;
  }
  $('pin-submit').disabled = true;
  try {
    await put('/pin', { currentPin, newPin });
    $('pin-form').reset();
    show(message, 'Your PIN has been changed. Use the new one from now on, on the phone too.', 'info');
  } catch (e) {
    if (e.status !== 401) show(message, e.message);
  } finally {
    $('pin-submit').disabled = false;
  }
});

$('callout-number').addEventListener('input', (e) => { e.target.dataset.dirty = '1'; });
$('callout-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = $('callout-message');
  const number = $('callout-number').value.trim();
  $('callout-submit').disabled = true;
  try {
    state.mailbox = await put('/callout', { number });
    delete $('callout-number').dataset.dirty;
    renderMailbox();
    show(message, number ? `Callpost will call ${number} when a new message arrives.` : 'Callouts are stopped.', 'info');
  } catch (e) {
    if (e.status !== 401) show(message, e.message);
  } finally {
    $('callout-submit').disabled = false;
  }
});

// ---------- email ----------

function renderEmail(email) {
  $('email-section').dataset.state = email.address ? 'subscribed' : 'none';
  $('email-address').value = email.address || '';
  $('email-attach').checked = !!email.attachAudio;
  $('email-delete').checked = !!email.deleteAfterSending;
}

/** The email setting; without the email feature (503) the form is disabled and says why. */
async function loadEmail() {
  const form = $('email-form');
  try {
    renderEmail(await get('/email'));
    form.querySelectorAll('input, button').forEach((e) => { e.disabled = false; });
    show($('email-message'), '');
  } catch (e) {
    if (e.status === 401) return;
    $('email-section').dataset.state = 'unavailable';
    form.querySelectorAll('input, button').forEach((i) => { i.disabled = true; });
    show($('email-message'), e.message);
  }
}

$('email-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = $('email-message');
  const address = $('email-address').value.trim();
  $('email-submit').disabled = true;
  try {
    const email = await put('/email', {
      address, attachAudio: $('email-attach').checked, deleteAfterSending: $('email-delete').checked,
    });
    renderEmail(email);
    show(message, address ? `New messages will be mailed to ${email.address}.` : 'The emails are stopped.', 'info');
  } catch (e) {
    if (e.status !== 401) show(message, e.message);
  } finally {
    $('email-submit').disabled = false;
  }
});

// ---------- start: an existing session (a reload) goes straight to the inbox ----------

(async () => {
  try {
    const session = await request('GET', '/session', undefined, { logon: true });
    if (session && session.kind === 'subscriber') {
      showInbox(session);
      return;
    }
    showLogon(session && session.kind === 'admin'
      ? 'You are logged on as an administrator. Log on with a mailbox number and PIN to see a mailbox.' : '', 'info');
  } catch (e) {
    showLogon(e.status === 401 || e.status === 404 ? '' : e.message);
  }
})();
