// What a capture must yield, decided from the capture's own text (never from what the origin sent):
// the HTTP status when the text shows it in a status context, the MPE code when the text holds it
// (in practice only the origin's <serverError> body carries one). Shared by the browser run and by
// the fixture writer, so that tests/fixtures/players/manifest.json says the same as the table.

/** Ways a status shows in a capture, named for the report. `S` stands for the status number. */
const STATUS_FORMS = [
  ['XML <status>', (s) => new RegExp(`<status>${s}</status>`)],
  ['HTTP status line', (s) => new RegExp(`HTTP/\\d(?:\\.\\d)? ${s}\\b`)],
  ['Chrome network line "GET url S (Reason)"', (s) => new RegExp(`\\b(?:GET|HEAD|POST) \\S+ (?:net::\\S+ )?${s} \\([A-Z][A-Za-z -]*\\)`)],
  ['Chrome "status of S (Reason)"', (s) => new RegExp(`status of ${s} \\(`)],
  ['JSON "status": S', (s) => new RegExp(`"(?:status|statusCode|httpStatus|httpStatusCode|code)"\\s*:\\s*"?${s}\\b`)],
  ['key status: S / status=S', (s) => new RegExp(`\\b(?:status|statusCode|httpStatus|code)\\s*[:=]\\s*["']?${s}\\b`, 'i')],
  ['prose "status S" / "HTTP S"', (s) => new RegExp(`\\b(?:status|HTTP(?: error| status)?)\\s+${s}\\b`, 'i')],
  ['hls.js "S while loading <url>"', (s) => new RegExp(`(?:^|[\\s>])${s} while loading\\b`, 'm')],
  ['"S Reason" phrase', (s) => new RegExp(`\\b${s} (?:Bad Request|Forbidden|Not Found|Gone|Precondition Failed|Unsupported Media Type|Service Unavailable|Internal Server Error)\\b`)],
];

/** The forms in which `status` shows in `text` (empty: the text does not hold it). */
export function statusForms(text, status) {
  if (!status) return [];
  return STATUS_FORMS.filter(([, re]) => re(status).test(text)).map(([name]) => name);
}

/** The forms in which `code` shows in `text`. */
export function codeForms(text, code) {
  if (!code || !text.includes(code)) return [];
  const forms = [];
  if (text.includes(`<hresult>${code}</hresult>`)) forms.push('XML <hresult>');
  if (/\\u003chresult\\u003e/i.test(text) && text.includes(`\\u003e${code}`)) forms.push('JSON-escaped XML (\\u003c)');
  if (forms.length === 0) forms.push('bare name');
  return forms;
}

/** { status, code, statusForms, codeForms }: status / code are null when the text does not hold them. */
export function expectations(text, scenario) {
  const sf = statusForms(text, scenario.status);
  const cf = codeForms(text, scenario.code);
  return { status: sf.length ? scenario.status : null, code: cf.length ? scenario.code : null, statusForms: sf, codeForms: cf };
}

/** Where the status first shows in a status context (-1: nowhere). */
export function statusAt(text, status) {
  let at = -1;
  for (const [, re] of STATUS_FORMS) {
    const m = re(status).exec(text);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  return at;
}

/** A short excerpt of `text` around index `at` (for the report). */
export function around(text, at, width = 110) {
  if (at < 0) return '';
  const a = Math.max(0, at - width / 2);
  const b = Math.min(text.length, at + width);
  return (a > 0 ? '…' : '') + text.slice(a, b).replace(/\s+/g, ' ') + (b < text.length ? '…' : '');
}

/** Short excerpts of `text` around each occurrence of `needle` (for the report). */
export function excerpt(text, needle, { around = 90, max = 2 } = {}) {
  const out = [];
  let i = text.indexOf(needle);
  while (i >= 0 && out.length < max) {
    const a = Math.max(0, i - around);
    const b = Math.min(text.length, i + needle.length + around);
    out.push((a > 0 ? '…' : '') + text.slice(a, b).replace(/\s+/g, ' ') + (b < text.length ? '…' : ''));
    i = text.indexOf(needle, i + needle.length + around);
  }
  return out;
}

/** Given findings [{kind, code, status, hresult}] (the DOM hooks), is the status named? The code? */
export function judge(findings, want) {
  const status = want.status == null ? null : findings.some((f) => f.code === String(want.status) || f.status === String(want.status));
  const code = want.code == null ? null : findings.some((f) => f.code === want.code);
  return { status, code };
}
