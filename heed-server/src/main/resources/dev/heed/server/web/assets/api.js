// The dashboard's only way to data: the HTTP API, with the key the user logged in with.
// The key lives in sessionStorage (gone when the tab closes), never in a cookie or the URL.

const STORAGE = 'heed.apiKey';

export function apiKey() {
  return sessionStorage.getItem(STORAGE);
}

export function setApiKey(key) {
  sessionStorage.setItem(STORAGE, key);
}

export function forgetApiKey() {
  sessionStorage.removeItem(STORAGE);
}

/** A failed request: the HTTP status and the problem document's detail. */
export class ApiError extends Error {
  constructor(status, detail, problem) {
    super(detail);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the API and returns the parsed JSON body; throws ApiError for any non-2xx answer. */
export async function api(path, {method = 'GET', body, key} = {}) {
  const headers = {Authorization: 'Bearer ' + (key || apiKey() || '')};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'the server did not answer (' + e.message + ')', null);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const detail = data && data.detail ? data.detail : response.status + ' ' + response.statusText;
    throw new ApiError(response.status, detail, data);
  }
  return {status: response.status, data};
}

/** A query string from an object, leaving out null and undefined values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export function hoursAgo(hours, from = Date.now()) {
  return new Date(from - hours * 3600_000).toISOString();
}
