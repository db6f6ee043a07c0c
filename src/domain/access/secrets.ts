/**
 * Secrets inside configuration shown to people who may read it but not change it: the key in a
 * webhook's query string, a gateway's password, a token in a URL's path. What stays is enough to
 * tell one endpoint from another (scheme, host, parameter names).
 */
const MASK = '***';
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const SECRET_KEY = /key|token|secret|passw|signature|credential|auth/i;
/** A path segment that looks generated rather than named (Slack-style hook paths carry the secret there). */
const TOKEN_LIKE = /^(?=.*\d)(?=.*[a-z])[A-Za-z0-9_\-.~%]{16,}$|^[A-Za-z0-9_\-.~%]{32,}$/i;

export function redactUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return MASK;
  }
  const auth = u.username || u.password ? `${MASK}@` : '';
  const path = u.pathname
    .split('/')
    .map((seg) => (TOKEN_LIKE.test(seg) ? MASK : seg))
    .join('/');
  const query = [...u.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=${MASK}`).join('&');
  return `${u.protocol}//${auth}${u.host}${path}${query ? `?${query}` : ''}${u.hash ? `#${MASK}` : ''}`;
}

export function redactText(s: string): string {
  return s.replace(URL_IN_TEXT, (m) => redactUrl(m));
}

/** A copy of a JSON value with URLs' secrets masked and values under secret-sounding keys replaced. */
export function redactSecrets<T>(value: T): T {
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string') return key !== null && SECRET_KEY.test(key) ? MASK : redactText(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, null));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, null) as T;
}
