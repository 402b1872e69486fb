/**
 * fetch wrapper for /api. The console's session is an httpOnly cookie (docs/SECURITY.md): every request
 * goes with `credentials: 'same-origin'`, and every unsafe one carries `x-csrf-token`, the value of the
 * readable `plaint_csrf` cookie. JSON in and out; the server's `{ error: { code, message, field?,
 * allowed? } }` becomes an ApiError the UI can show.
 */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly field?: string,
    public readonly allowed?: string[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_COOKIE = 'plaint_csrf';

/** The CSRF token the server set next to the session cookie (readable by script by design). */
export function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Called on any 401 so the app can drop the session and show the login page. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.forEach((item) => params.append(k, item));
    else params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The URL of a GET the browser may open itself (a link, an image): the session cookie goes along. */
export const apiUrl = (path: string, query?: Query): string => `/api${path}${toQueryString(query)}`;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  /** A JSON body, or FormData sent as multipart (the browser sets the boundary). */
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  /** Portal calls go without the console's cookies even when a session exists in the same browser. */
  anonymous?: boolean;
}

/**
 * GETs started ahead of need (#20): right after sign-in the console asks for its reference data and the
 * queue's first page while its code is still arriving, instead of after. The first api() call for the same
 * URL within a few seconds takes the answer (once); later calls fetch as usual.
 */
const ahead = new Map<string, { at: number; promise: Promise<unknown> }>();
const AHEAD_FRESH_MS = 15_000;

export function prefetch<T>(path: string, query?: Query): Promise<T> {
  const promise = api<T>(path, { query });
  // The taker sees a failure; an unused prefetch must not report one as unhandled.
  promise.catch(() => {});
  ahead.set(apiUrl(path, query), { at: Date.now(), promise });
  return promise;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method: Method = opts.method ?? (opts.body !== undefined ? 'POST' : 'GET');
  if (method === 'GET' && !opts.anonymous && !opts.headers) {
    const url = apiUrl(path, opts.query);
    const early = ahead.get(url);
    ahead.delete(url);
    if (early && Date.now() - early.at < AHEAD_FRESH_MS) return early.promise as Promise<T>;
  }
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const form = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && !opts.anonymous) {
    const csrf = csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: opts.anonymous ? 'omit' : 'same-origin',
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string; allowed?: string[] } } | null)?.error;
    if (response.status === 401 && !opts.anonymous) onUnauthenticated();
    throw new ApiError(
      response.status,
      err?.code ?? `HTTP_${response.status}`,
      err?.message ?? response.statusText,
      err?.field,
      err?.allowed,
    );
  }
  return data as T;
}
