// Callpost's REST API as the pages use it (see /callpost/api/openapi.yaml): JSON in and out, the
// session in the callpost_session cookie, the CSRF token from the logon answer on every
// POST/PUT/DELETE. Nothing secret ever goes into a URL.

export const BASE = '/callpost/api';

let csrfToken = null;
let onSessionLost = null;

/** An answer other than 2xx: the API's {"error": ...} sentence, or one made from the status. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body || {};
  }
}

export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Called with the ApiError when a request answers 401 after the logon (session expired). */
export function whenSessionLost(callback) {
  onSessionLost = callback;
}

/**
 * One request. body: undefined (none), a Blob/File (sent as is, Content-Type audio/wav unless the
 * options say otherwise), or anything else (sent as JSON). Answers the parsed JSON, or null for 204.
 */
export async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body instanceof Blob) {
    payload = body;
    headers['Content-Type'] = options.contentType || 'audio/wav';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(BASE + path, {
      method, headers, body: payload, credentials: 'same-origin', cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'Callpost cannot be reached: check the network connection and try again.');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok) {
    const message = (data && typeof data.error === 'string' && data.error)
      || `Callpost answered ${response.status} ${response.statusText || ''}`.trim();
    const error = new ApiError(response.status, message, data);
    if (response.status === 401 && csrfToken && !options.logon && onSessionLost) {
      onSessionLost(error);
    }
    throw error;
  }
  return data;
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body === undefined ? {} : body, options);
export const put = (path, body, options) => request('PUT', path, body, options);
export const del = (path, options) => request('DELETE', path, undefined, options);

// ---- small page helpers shared by the inbox and the dashboard ----

/** document.createElement with attributes, properties (on*, dataset) and children. */
export function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** 83.4 -> "1:23" (m:ss; h:mm:ss from an hour). */
export function minutesSeconds(seconds) {
  const total = Math.max(0, Math.round(Number(seconds) || 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** An ISO-8601 instant in the browser's locale and time zone; today's show the time only. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const now = new Date();
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? `Today ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    : d.toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Shows a message in an alert element (role="alert" or "status"); empty text hides it. */
export function show(element, text, kind = 'error') {
  element.className = `alert ${kind}`;
  element.textContent = text || '';
}
