// Shared by the player pages: the scenario URL from ?src=, and report(), which logs a player's fatal
// error with console.error (as an app would) and exposes it as window.__playerError: the error object
// as JSON, the way a person copies it from the console (own enumerable properties, as JSON.stringify
// gives them; the fields DevTools shows for an XMLHttpRequest, a Response or an Error, which
// JSON.stringify would drop; functions and DOM nodes left out; cycles cut).
'use strict';
window.__playerError = null;
window.__src = new URLSearchParams(location.search).get('src');

function plain(value, seen = new WeakSet(), depth = 0) {
  // `seen` holds the objects on the path from the root: a repeated reference is fine, a cycle is cut.
  if (value === null || value === undefined) return value;
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return String(value);
  if (typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth > 8) return '[Object]';
  const sub = (v) => plain(v, seen, depth + 1);
  if (typeof Node !== 'undefined' && value instanceof Node) return `[${value.constructor.name}]`;
  if (value === window) return '[Window]';
  if (typeof XMLHttpRequest !== 'undefined' && value instanceof XMLHttpRequest) {
    const out = { readyState: value.readyState, status: value.status, statusText: value.statusText, responseURL: value.responseURL, responseType: value.responseType };
    if (value.responseType === '' || value.responseType === 'text') out.responseText = value.responseText;
    else out.response = value.response instanceof ArrayBuffer ? `[ArrayBuffer(${value.response.byteLength})]` : `[${value.responseType}]`;
    return out;
  }
  if (typeof Response !== 'undefined' && value instanceof Response) {
    return { type: value.type, url: value.url, status: value.status, statusText: value.statusText, ok: value.ok, redirected: value.redirected };
  }
  if (value instanceof ArrayBuffer) return `[ArrayBuffer(${value.byteLength})]`;
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name}(${value.length})]`;
  if (value instanceof Date) return value.toJSON();
  seen.add(value);
  if (typeof value.toJSON === 'function' && !(value instanceof Error)) {
    try {
      return sub(value.toJSON());
    } catch {
      /* fall through */
    } finally {
      seen.delete(value);
    }
    seen.add(value);
  }
  const out = Array.isArray(value) ? [] : {};
  try {
    fill(value, out, sub);
  } finally {
    seen.delete(value);
  }
  return out;
}

function fill(value, out, sub) {
  if (Array.isArray(value)) {
    for (const v of value) {
      const x = sub(v);
      out.push(x === undefined ? null : x);
    }
    return;
  }
  if (value instanceof Error) {
    out.name = value.name;
    out.message = value.message;
  }
  for (const k of Object.keys(value)) {
    let v;
    try {
      v = sub(value[k]);
    } catch (e) {
      v = `[unreadable: ${e}]`;
    }
    if (v !== undefined) out[k] = v;
  }
  if (value instanceof Error && value.stack) out.stack = value.stack;
}

function report(player, error) {
  if (window.__playerError) return;
  console.error(`${player}: fatal error`, error);
  window.__playerError = JSON.stringify(plain(error), null, 2);
}
