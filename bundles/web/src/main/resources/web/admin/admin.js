// The administrator's dashboard: integrations and lines, calls, lamps, callouts, emails, lockouts,
// mailboxes and the last errors, refreshed every 5 s. The refresh draws the tables only; the forms
// are never drawn again, so what the administrator is typing stays.
import {
  ApiError, get, post, put, del, request, setCsrfToken, whenSessionLost, el, when, show,
} from '../client.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MILLIS = 5000;

const state = { session: null, timer: null, last: {}, mailboxes: [], editing: null, resetting: null, busy: false };

// ---------- log on / log off ----------

function showLogon(message, kind = 'error') {
  clearInterval(state.timer);
  state.session = null;
  state.last = {};
  setCsrfToken(null);
  $('dashboard').hidden = true;
  $('who').hidden = true;
  $('logon').hidden = false;
  show($('logon-error'), message || '', kind);
  $('logon-password').value = '';
  $('logon-user').focus();
}

function showDashboard(session) {
  state.session = session;
  setCsrfToken(session.csrfToken);
  $('logon').hidden = true;
  $('dashboard').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = session.user;
  show($('error'), '');
  clearInterval(state.timer);
  state.timer = setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MILLIS);
  refresh();
}

$('logon-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = $('logon-user').value.trim();
  const password = $('logon-password').value;
  if (!user || !password) {
    show($('logon-error'), !user ? 'Enter the user.' : 'Enter the password.');
    (!user ? $('logon-user') : $('logon-password')).focus();
    return;
  }
  $('logon-submit').disabled = true;
  show($('logon-error'), '');
  try {
    const session = await request('POST', '/admin/session', { user, password }, { logon: true });
    $('logon-password').value = '';
    showDashboard(session);
  } catch (e) {
    // e.g. 403 for Karaf's default password: the API's sentence says what to do
    show($('logon-error'), e.message);
    $('logon-password').value = '';
    $('logon-password').focus();
  } finally {
    $('logon-submit').disabled = false;
  }
});

$('logoff').addEventListener('click', async () => {
  try { await del('/session'); } catch (e) { /* ended already */ }
  showLogon('You have logged off.', 'info');
});

whenSessionLost(() => showLogon('Your session has ended. Please log on again.'));

function failed(e) {
  if (e instanceof ApiError && e.status === 401) return;
  show($('error'), e.message || String(e));
}

function notice(text) {
  show($('error'), '');
  show($('notice'), text, 'info');
}

async function act(button, action) {
  if (button) button.disabled = true;
  show($('error'), '');
  try {
    await action();
    await refresh();
  } catch (e) {
    failed(e);
  } finally {
    if (button && button.isConnected) button.disabled = false;
  }
}

// ---------- the refresh ----------

const SOURCES = {
  integrations: '/admin/integrations',
  calls: '/admin/calls',
  lamps: '/admin/lamps',
  callouts: '/admin/callouts',
  emails: '/admin/emails',
  lockouts: '/admin/lockouts',
  mailboxes: '/admin/mailboxes',
  errors: '/admin/errors',
};
const RENDER = {};

async function refresh() {
  if (!state.session) return;
  if (state.busy) {
    // one in flight may have read before an action changed something: once more after it
    state.again = true;
    return;
  }
  state.busy = true;
  state.again = false;
  try {
    const names = Object.keys(SOURCES);
    const answers = await Promise.allSettled(names.map((n) => get(SOURCES[n])));
    const problems = [];
    answers.forEach((a, i) => {
      const name = names[i];
      if (a.status === 'rejected') {
        if (a.reason.status !== 401) problems.push(a.reason.message);
        return;
      }
      const text = JSON.stringify(a.value);
      if (state.last[name] === text) return; // unchanged: nothing drawn, nothing moves
      state.last[name] = text;
      keepingFocus(() => RENDER[name](a.value));
    });
    if (!state.session) return;
    if (problems.length) show($('error'), [...new Set(problems)].join(' '));
    else if ($('error').dataset.fromRefresh) show($('error'), '');
    $('error').dataset.fromRefresh = problems.length ? '1' : '';
    $('updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } finally {
    state.busy = false;
  }
  if (state.again) refresh();
}

$('refresh').addEventListener('click', (e) => act(e.currentTarget, async () => { state.last = {}; }));

/** Keeps the focus on the same button of the same row when a table is drawn again. */
function keepingFocus(draw) {
  const a = document.activeElement;
  const row = a && a.closest ? a.closest('tr[data-key]') : null;
  const key = row && a.dataset.action ? [row.dataset.key, a.dataset.action] : null;
  draw();
  if (key) {
    const again = document.querySelector(`tr[data-key="${CSS.escape(key[0])}"] [data-action="${key[1]}"]`);
    if (again) again.focus();
  }
}

function fill(table, rows, empty, columns) {
  const body = $(table).tBodies[0];
  body.replaceChildren(...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: columns }, empty))]));
}

function badge(text, kind) {
  return el('span', { class: `badge ${kind || ''}`.trim() }, text);
}

const LINE_KIND = { REGISTERED: 'ok', REGISTERING: 'info', UNREGISTERING: 'info', RETRYING: 'warn', AUTH_FAILED: 'bad', UNREGISTERED: 'bad' };
const INTEGRATION_KIND = { RUNNING: 'ok', WAITING_FOR_PROFILE: 'warn', REFUSED: 'bad', STOPPING: 'info' };
const LAMP_KIND = { CONFIRMED: 'ok', PENDING: 'warn', FAILED: 'bad', REFUSED: 'bad' };
const EMAIL_KIND = { SENT: 'ok', SENDING: 'info', QUEUED: 'warn', GAVE_UP: 'bad' };
const CALLOUT_KIND = { DELIVERED: 'ok', CALLING: 'info', WAITING: 'warn', GAVE_UP: 'bad', REFUSED: 'bad', CANCELLED: '' };

RENDER.integrations = ({ integrations }) => {
  const lines = integrations.flatMap((i) => i.lines);
  $('stat-lines').textContent = `${lines.filter((l) => l.state === 'REGISTERED').length}/${lines.length}`;
  const select = $('mb-integration');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, 'Any integration'),
    ...integrations.map((i) => el('option', { value: i.name }, i.name)));
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;

  const blocks = integrations.map((i) => el('section', { class: 'integration', dataset: { integration: i.name, state: i.state } },
    el('header', {},
      el('h3', {}, i.name, ' ', badge(i.state, INTEGRATION_KIND[i.state])),
      el('span', { class: 'muted' }, `Profile ${i.profile} · ${i.transport || ''} · registrar ${i.activeRegistrar || 'none'} · `
        + `${i.sipTransactions} SIP transactions, ${i.sipDialogs} dialogs`),
      el('button', { type: 'button', class: 'small secondary', 'data-action': 'reassert',
        'aria-label': `Re-assert the lamps of ${i.name}`,
        onclick: (e) => reassert(e.currentTarget, i.name) }, 'Re-assert lamps')),
    i.problems && i.problems.length
      ? el('div', { class: 'alert error' }, el('strong', {}, 'Settings refused: '),
        i.problems.map((p) => `${p.setting}: ${p.problem}`).join('; '))
      : null,
    el('div', { class: 'table-wrap' },
      el('table', { class: 'lines', dataset: { integration: i.name } },
        el('caption', { class: 'visually-hidden' }, `Lines of ${i.name}`),
        el('thead', {}, el('tr', {}, ['Line', 'Extension', 'State', 'Registrar', 'Expires', 'Activity', 'Last error']
          .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, i.lines.length ? i.lines.map((l) => el('tr', {
          dataset: { integration: i.name, line: String(l.line), extension: l.extension, state: l.state, activity: l.activity },
        },
        el('td', {}, l.line), el('td', {}, l.extension), el('td', { class: 'state' }, badge(l.state, LINE_KIND[l.state])),
        el('td', { class: 'mono' }, l.registrar || '—'), el('td', {}, l.expires ? when(l.expires) : '—'),
        el('td', { class: 'activity' }, l.activity), el('td', {}, l.lastError || ''))) : [
          el('tr', { class: 'empty' }, el('td', { colspan: 7 }, 'No lines.'))]))),
  ));
  $('integrations').replaceChildren(...(blocks.length ? blocks
    : [el('p', { class: 'muted' }, 'No integration is configured: add an etc/org.callpost.integration-<name>.cfg file.')]));
};

RENDER.calls = ({ calls }) => {
  $('stat-calls').textContent = calls.length;
  const num = (v) => el('td', { class: 'num' }, v ?? '');
  const ms = (v) => el('td', { class: 'num' }, v === null || v === undefined ? '' : Number(v).toFixed(1));
  fill('calls', calls.map((c) => el('tr', { dataset: { key: c.id, callId: c.id, state: c.state, callingNumber: c.callingNumber || '' } },
    el('td', {}, `${c.integration} line ${c.line}`, el('span', { class: 'name' }, `extension ${c.lineExtension}`)),
    el('td', { class: 'caller' }, el('span', { class: 'caller-number' }, c.callingNumber || 'unknown'),
      c.callingName ? el('span', { class: 'name' }, c.callingName) : null),
    el('td', {}, c.dialledNumber || ''), el('td', {}, c.mailbox || '—'),
    el('td', {}, badge(c.state, c.state === 'CONNECTED' ? 'ok' : 'info')), el('td', {}, c.codec || '—'),
    num(c.packetsSent), num(c.packetsReceived), num(c.packetsLost), num(c.packetsLate),
    ms(c.jitterMillis), ms(c.sendDeviationP99Millis))), 'No calls are up.', 12);
};

RENDER.lamps = ({ lamps }) => {
  const attention = lamps.filter((l) => l.state !== 'CONFIRMED');
  $('stat-lamps').textContent = attention.length;
  // pending and failed first: they are what the administrator looks for
  const order = { FAILED: 0, REFUSED: 1, PENDING: 2, CONFIRMED: 3 };
  const sorted = [...lamps].sort((a, b) => (order[a.state] ?? 9) - (order[b.state] ?? 9) || a.extension.localeCompare(b.extension));
  const onOff = (v) => (v === null || v === undefined ? '—' : v ? 'On' : 'Off');
  fill('lamps', sorted.map((l) => el('tr', {
    dataset: { key: `${l.integration}/${l.extension}`, extension: l.extension, state: l.state },
    class: l.state === 'PENDING' ? 'pending' : l.state === 'FAILED' || l.state === 'REFUSED' ? 'failed' : undefined,
  },
  el('td', {}, l.extension), el('td', {}, l.integration), el('td', {}, onOff(l.desiredOn)),
  el('td', {}, onOff(l.confirmedOn), l.confirmedAt ? el('span', { class: 'name' }, when(l.confirmedAt)) : null),
  el('td', {}, badge(l.state, LAMP_KIND[l.state]), l.failure ? el('span', { class: 'name' }, l.failure) : null),
  el('td', { class: 'num' }, l.attempts))), 'No lamps yet.', 6);
};

RENDER.callouts = ({ callouts }) => {
  fill('callouts', callouts.map((c) => el('tr', { dataset: { key: c.mailbox, mailbox: c.mailbox, state: c.state } },
    el('td', {}, c.mailbox), el('td', {}, c.number), el('td', {}, badge(c.state, CALLOUT_KIND[c.state])),
    el('td', { class: 'num' }, `${c.attempts}/${c.maxAttempts}`), el('td', {}, c.next ? when(c.next) : '—'),
    el('td', {}, c.lastOutcome || ''))), 'No callouts.', 6);
};

RENDER.emails = ({ emails }) => {
  // oldest first from the API: the newest on top, as in the last errors
  fill('emails', [...emails].reverse().map((m) => el('tr', { dataset: { key: m.id, mailbox: m.mailbox, state: m.state } },
    el('td', {}, m.mailbox), el('td', {}, m.address), el('td', {}, badge(m.state, EMAIL_KIND[m.state])),
    el('td', { class: 'num' }, m.attempts), el('td', {}, m.next ? when(m.next) : '—'),
    el('td', {}, m.lastResult || ''))), 'No emails.', 6);
};

RENDER.lockouts = ({ lockouts }) => {
  fill('lockouts', lockouts.map((l) => el('tr', {
    dataset: { key: l.mailbox, mailbox: l.mailbox, locked: String(Boolean(l.lockedUntil)) },
    class: l.lockedUntil ? 'failed' : undefined,
  },
  el('td', {}, l.mailbox), el('td', { class: 'num' }, l.failures), el('td', { class: 'mono' }, l.lastFrom || ''),
  el('td', {}, when(l.lastFailure)), el('td', {}, l.lockedUntil ? badge(`Locked until ${when(l.lockedUntil)}`, 'bad') : 'Not locked'),
  el('td', { class: 'actions' }, el('button', { type: 'button', class: 'small secondary', 'data-action': 'unlock',
    'aria-label': `Unlock mailbox ${l.mailbox}`,
    onclick: (e) => act(e.currentTarget, async () => {
      await del(`/admin/lockouts/${encodeURIComponent(l.mailbox)}`);
      notice(`Mailbox ${l.mailbox} unlocked.`);
    }) }, l.lockedUntil ? 'Unlock' : 'Clear')))), 'No wrong PINs recorded.', 6);
};

RENDER.mailboxes = ({ mailboxes }) => {
  state.mailboxes = mailboxes;
  $('stat-mailboxes').textContent = mailboxes.length;
  fill('mailboxes', mailboxes.map((m) => el('tr', { dataset: { key: m.number, mailbox: m.number } },
    el('td', {}, m.number), el('td', {}, m.name), el('td', {}, m.extension), el('td', {}, m.integration || 'any'),
    el('td', {}, m.messageWaiting ? (m.lampExtension ? `on ${m.lampExtension}` : 'own extension') : 'off'),
    el('td', {}, m.calloutNumber || '—'),
    el('td', { 'data-email': m.email || '' }, m.email || '—'),
    el('td', { class: 'num' }, m.counts ? `${m.counts.new}${m.counts.unheard ? ` (${m.counts.unheard} unheard)` : ''}` : ''),
    el('td', { class: 'num' }, m.counts ? m.counts.saved : ''),
    el('td', {}, m.locked ? badge('Locked', 'bad') : m.pinSet ? badge('Set', 'ok') : badge('None', 'warn')),
    el('td', { class: 'actions' },
      el('button', { type: 'button', class: 'small secondary', 'data-action': 'edit', 'aria-label': `Edit mailbox ${m.number}`,
        onclick: () => editMailbox(m) }, 'Edit'),
      el('button', { type: 'button', class: 'small secondary', 'data-action': 'pin', 'aria-label': `Reset the PIN of mailbox ${m.number}`,
        onclick: () => resetPin(m) }, 'Reset PIN'),
      el('button', { type: 'button', class: 'small danger', 'data-action': 'remove', 'aria-label': `Remove mailbox ${m.number}`,
        onclick: (e) => {
          // eslint-disable-next-line no-alert
          if (!window.confirm(`Remove mailbox ${m.number} (${m.name}) with all its messages and greetings?`)) return;
          act(e.currentTarget, async () => {
            await del(`/admin/mailboxes/${encodeURIComponent(m.number)}`);
            notice(`Mailbox ${m.number} removed.`);
          });
        } }, 'Remove')))), 'No mailboxes yet.', 11);
};

RENDER.errors = ({ errors }) => {
  $('stat-errors').textContent = errors.length;
  fill('errors', errors.map((e) => el('tr', { dataset: { level: e.level } },
    el('td', { class: 'mono' }, when(e.time)), el('td', {}, badge(e.level, e.level === 'ERROR' ? 'bad' : 'warn')),
    el('td', { class: 'mono' }, e.bundle, el('span', { class: 'name' }, e.logger || '')),
    el('td', {}, e.message))), 'No errors or warnings.', 4);
};

// ---------- lamps ----------

async function reassert(button, integration) {
  await act(button, async () => {
    const r = await post('/admin/lamps/reassert', integration ? { integration } : {});
    notice(`${r.queued} lamp${r.queued === 1 ? '' : 's'} queued to be sent again${integration ? ` on ${integration}` : ''}.`);
  });
}
$('reassert').addEventListener('click', (e) => reassert(e.currentTarget, null));

// ---------- mailboxes: add, edit, reset PIN ----------

const form = $('mailbox-form');

function openMailboxForm(m) {
  state.editing = m ? m.number : null;
  $('pin-reset-form').hidden = true;
  form.reset();
  show($('mailbox-form-error'), '');
  $('mailbox-form-title').textContent = m ? `Edit mailbox ${m.number}` : 'Add a mailbox';
  $('mailbox-save').textContent = m ? 'Save' : 'Create';
  $('mb-number').readOnly = Boolean(m);
  $('mb-number-hint').hidden = Boolean(m);
  $('mb-create-only').hidden = Boolean(m);
  $('mb-edit-only').hidden = !m;
  if (m) {
    $('mb-number').value = m.number;
    $('mb-extension').value = m.extension;
    $('mb-name').value = m.name;
    $('mb-integration').value = m.integration || '';
    $('mb-language').value = m.language || '';
    $('mb-lamp').value = m.lampExtension || '';
    $('mb-callout').value = m.calloutNumber || '';
    $('mb-mwi').checked = Boolean(m.messageWaiting);
    $('mb-trust').checked = Boolean(m.trustExtension);
  }
  form.hidden = false;
  (m ? $('mb-extension') : $('mb-number')).focus();
}

function editMailbox(m) {
  openMailboxForm(m);
}

$('mailbox-add').addEventListener('click', () => openMailboxForm(null));
$('mailbox-cancel').addEventListener('click', () => { form.hidden = true; state.editing = null; $('mailbox-add').focus(); });

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    extension: $('mb-extension').value.trim(),
    name: $('mb-name').value.trim(),
    integration: $('mb-integration').value,
    language: $('mb-language').value.trim(),
  };
  if (!body.extension || !body.name) {
    show($('mailbox-form-error'), !body.extension ? 'Enter the extension.' : 'Enter the name.');
    return;
  }
  $('mailbox-save').disabled = true;
  show($('mailbox-form-error'), '');
  try {
    if (state.editing) {
      Object.assign(body, {
        messageWaiting: $('mb-mwi').checked,
        lampExtension: $('mb-lamp').value.trim(),
        calloutNumber: $('mb-callout').value.trim(),
        trustExtension: $('mb-trust').checked,
      });
      const m = await put(`/admin/mailboxes/${encodeURIComponent(state.editing)}`, body);
      notice(`Mailbox ${m.number} saved.`);
    } else {
      const number = $('mb-number').value.trim();
      const pin = $('mb-pin').value;
      if (number) body.number = number;
      if (pin) body.pin = pin;
      const m = await post('/admin/mailboxes', body);
      notice(`Mailbox ${m.number} created${m.pinSet ? '' : ' without a PIN: reset its PIN before the subscriber logs on'}.`);
    }
    form.reset();
    form.hidden = true;
    state.editing = null;
    state.last.mailboxes = null;
    await refresh();
  } catch (e) {
    if (e.status !== 401) show($('mailbox-form-error'), e.message);
  } finally {
    $('mailbox-save').disabled = false;
  }
});

function resetPin(m) {
  form.hidden = true;
  state.resetting = m.number;
  $('pin-reset-title').textContent = `Reset the PIN of mailbox ${m.number} (${m.name})`;
  $('pin-reset-form').reset();
  show($('pin-reset-error'), '');
  $('pin-reset-form').hidden = false;
  $('pin-reset-value').focus();
}

$('pin-reset-cancel').addEventListener('click', () => { $('pin-reset-form').hidden = true; state.resetting = null; });
$('pin-reset-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const pin = $('pin-reset-value').value;
  if (!pin) { show($('pin-reset-error'), 'Enter the new PIN.'); return; }
  $('pin-reset-save').disabled = true;
  try {
    await post(`/admin/mailboxes/${encodeURIComponent(state.resetting)}/pin`, { pin });
    notice(`The PIN of mailbox ${state.resetting} has been set.`);
    $('pin-reset-form').reset();
    $('pin-reset-form').hidden = true;
    state.resetting = null;
    state.last = {};
    await refresh();
  } catch (e) {
    if (e.status !== 401) show($('pin-reset-error'), e.message);
  } finally {
    $('pin-reset-save').disabled = false;
  }
});

// ---------- start ----------

(async () => {
  try {
    const session = await request('GET', '/session', undefined, { logon: true });
    if (session && session.kind === 'admin') {
      showDashboard(session);
      return;
    }
    showLogon(session && session.kind === 'subscriber'
      ? 'You are logged on to a mailbox. Log on as an administrator to see the dashboard.' : '', 'info');
  } catch (e) {
    showLogon(e.status === 401 || e.status === 404 ? '' : e.message);
  }
})();
