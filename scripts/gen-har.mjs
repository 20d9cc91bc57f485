// A HAR 1.2 capture of about a given size, for the file tests (tests/files/) and the file-read
// benchmark (benches/file-read/): a player's session against a streaming endpoint, thousands of
// successful HLS and DASH segment GETs (each with a Cookie, an `Authorization: Bearer <JWT>` and a
// SAS `sig=` in its URL, and a base64 body so the file grows fast), and near the end a few failing
// entries: a 403 with `x-ms-error-code: MPE_ENC_ENCRYPTION_REQUIRED` and a 404 with
// `x-ms-error-code: MPE_STORAGE_RESOURCE_NOT_FOUND` (both in codes/origin/), then a few more
// successes, as a capture that ran on after the failure would.
//
// It streams: entries are written through a write stream in batches, waiting for 'drain' when the
// stream asks, so a 1 GB file takes a few MB of memory. Deterministic: the same size gives the
// same bytes.
//
//   node scripts/gen-har.mjs <out.har> <size in MB>      (MB = 1,048,576 bytes)
//
// From a test: `tempHar(200)` writes one to a new temp directory; `writeHar(path, bytes)` to a
// path. SECRET_VALUES lists every secret as it appears in the file (a redacted copy must hold none
// of them); ERROR_CODES the codes the failing entries carry.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MB = 1024 * 1024;

/** The codes of the failing entries, in file order. */
export const ERROR_CODES = ['MPE_ENC_ENCRYPTION_REQUIRED', 'MPE_STORAGE_RESOURCE_NOT_FOUND'];

// The secrets. Each is unique enough that finding it anywhere in a redacted copy is a leak.
const b64url = (s) => Buffer.from(s).toString('base64url');
const JWT =
  b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'genhar-kid-7Q2' })) + '.' +
  b64url(JSON.stringify({ iss: 'https://sts.contoso.example/', sub: 'viewer-4711', aud: 'urn:contoso:media', exp: 1924992000, urn_contoso_genhar: 'secret-claim-93f1' })) + '.' +
  'Gx7mQ2sPv9LkZt4WcY1aNbR8hJ3eD6fUoI0qXpV5yT2wKzMnAgEjBrCsHuFlSd'; // a signature-like tail
const SIG_RAW = 'q9Xh3Tz0GenHarSigVb7LmW2c4Pd8Ns1Fk6Jy5Rt/Ue+A='; // base64, as a SAS signature is
const SIG_URL = encodeURIComponent(SIG_RAW); // as it sits in a URL
const COOKIE_SESSION = 'genhar-sess-8d1f5c2a9b7e4f30a6c1d2e3f4a5b6c7';
const COOKIE_AFFINITY = '3f2a9c7e1b5d4e8fgenharaffinity0c6b2a9d8e7f1a3c5';

/** Every secret value as it is written (the JWT, the signature raw and URL-encoded, the cookies). */
export const SECRET_VALUES = [JWT, SIG_RAW, SIG_URL, COOKIE_SESSION, COOKIE_AFFINITY];
export const SECRETS = { jwt: JWT, sig: SIG_RAW, sigInUrl: SIG_URL, cookies: [COOKIE_SESSION, COOKIE_AFFINITY] };

const HOST = 'contoso-usea.streaming.media.azure.net';
const LOCATOR = '2f4e6a1c-0b1d-4c3e-9f8a-5d6e7f809a1b';
const BASE = `https://${HOST}/${LOCATOR}/big-buck-bunny.ism`;
// SAS-style query: expiry, permissions and version stay in a redacted copy, only sig goes.
const SAS = [['sv', '2022-11-02'], ['sr', 'c'], ['sp', 'r'], ['se', '2031-01-01T00:00:00Z'], ['sig', SIG_RAW]];
const SAS_QUERY = SAS.map(([k, v]) => `${k}=${k === 'sig' ? SIG_URL : encodeURIComponent(v)}`).join('&');

// Segment bodies: a small pool of base64 blocks (made once, from a seeded generator) reused in turn,
// so writing is cheap. A base64 run of BODY_CHARS never ends in `==` at 88 characters, so it cannot
// be taken for a storage account key.
const BODY_CHARS = 24 * 1024;
const POOL = (() => {
  let seed = 0x2545f491;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return Array.from({ length: 16 }, () => {
    let s = '';
    for (let i = 0; i < BODY_CHARS; i++) s += alphabet[(rnd() >>> 7) & 63];
    return s;
  });
})();

const T0 = Date.parse('2024-05-01T10:00:00.000Z');

function requestHeaders(url) {
  const u = new URL(url);
  return [
    { name: ':authority', value: u.host },
    { name: ':method', value: 'GET' },
    { name: ':path', value: u.pathname + u.search },
    { name: ':scheme', value: 'https' },
    { name: 'accept', value: '*/*' },
    { name: 'accept-encoding', value: 'gzip, deflate, br, zstd' },
    { name: 'accept-language', value: 'en-GB,en;q=0.9' },
    { name: 'authorization', value: `Bearer ${JWT}` },
    { name: 'cookie', value: `ARRAffinity=${COOKIE_AFFINITY}; contoso_session=${COOKIE_SESSION}` },
    { name: 'origin', value: 'https://www.contoso.example' },
    { name: 'referer', value: 'https://www.contoso.example/' },
    { name: 'sec-fetch-dest', value: 'empty' },
    { name: 'sec-fetch-mode', value: 'cors' },
    { name: 'sec-fetch-site', value: 'cross-site' },
    { name: 'user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' },
  ];
}

function request(url) {
  return {
    method: 'GET',
    url,
    httpVersion: 'http/2.0',
    headers: requestHeaders(url),
    queryString: SAS.map(([name, value]) => ({ name, value })),
    cookies: [
      { name: 'ARRAffinity', value: COOKIE_AFFINITY, path: '/', domain: HOST, expires: null, httpOnly: true, secure: true },
      { name: 'contoso_session', value: COOKIE_SESSION, path: '/', domain: '.contoso.example', expires: null, httpOnly: false, secure: true },
    ],
    headersSize: -1,
    bodySize: 0,
  };
}

const commonResponseHeaders = (n, type, length) => [
  { name: 'access-control-allow-origin', value: '*' },
  { name: 'access-control-expose-headers', value: 'x-ms-request-id, x-ms-error-code' },
  { name: 'cache-control', value: 'max-age=31536000' },
  { name: 'content-length', value: String(length) },
  { name: 'content-type', value: type },
  { name: 'date', value: new Date(T0 + n * 2000).toUTCString() },
  { name: 'server', value: 'Microsoft-IIS/10.0' },
  { name: 'x-ms-request-id', value: `4b1e${String(n).padStart(8, '0')}-7c2d-4e5f-8a9b-0c1d2e3f4a5b` },
  { name: 'x-ms-streaming-endpoint', value: 'default' },
];

/** Entry n: a video or audio segment, HLS (CMAF) for even n, DASH for odd n. */
function segment(n) {
  const hls = n % 2 === 0;
  const kind = n % 5 === 4 ? 'audio' : 'video';
  const level = kind === 'audio' ? 128000 : [800000, 1600000, 3000000][n % 3];
  const t = Math.floor(n / 2) * 20000000;
  const format = hls ? 'm3u8-cmaf' : 'mpd-time-cmaf';
  const url = `${BASE}/QualityLevels(${level})/Fragments(${kind}=${t},format=${format})?${SAS_QUERY}`;
  const body = POOL[n % POOL.length];
  const size = (body.length / 4) * 3;
  return {
    pageref: 'page_1',
    startedDateTime: new Date(T0 + n * 2000).toISOString(),
    time: 41.7 + (n % 13),
    _resourceType: 'fetch',
    request: request(url),
    response: {
      status: 200,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: commonResponseHeaders(n, kind === 'audio' ? 'audio/mp4' : 'video/mp4', size),
      cookies: [],
      content: { size, mimeType: kind === 'audio' ? 'audio/mp4' : 'video/mp4', text: body, encoding: 'base64' },
      redirectURL: '',
      headersSize: -1,
      bodySize: size,
      _transferSize: size + 412,
    },
    cache: {},
    timings: { blocked: 0.8, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 31.4 + (n % 7), receive: 9.3 },
    serverIPAddress: '20.42.65.92',
    connection: '443',
  };
}

/** A failing entry: the origin's error code in x-ms-error-code, an XML error body. */
function failing(n, status, code, what) {
  const url = what === 'manifest'
    ? `${BASE}/manifest(format=m3u8-cmaf)?${SAS_QUERY}`
    : `${BASE}/QualityLevels(3000000)/Fragments(video=${n * 10000000},format=mpd-time-cmaf)?${SAS_QUERY}`;
  const text = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>The request failed.</Message></Error>`;
  const e = segment(n);
  e.request = request(url);
  e.response = {
    status,
    statusText: status === 403 ? 'Forbidden' : 'Not Found',
    httpVersion: 'http/2.0',
    headers: [...commonResponseHeaders(n, 'application/xml', text.length), { name: 'x-ms-error-code', value: code }],
    cookies: [],
    content: { size: text.length, mimeType: 'application/xml', text },
    redirectURL: '',
    headersSize: -1,
    bodySize: text.length,
    _transferSize: text.length + 530,
  };
  return e;
}

// Two-space indentation, as Chrome's "Save all as HAR" writes; entries sit 6 deep.
const indent = (json, pad) => json.replace(/\n/g, '\n' + pad);
const HEAD = indent(
  JSON.stringify(
    {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: new Date(T0).toISOString(), id: 'page_1', title: 'https://www.contoso.example/', pageTimings: { onContentLoad: 412.3, onLoad: 980.1 } }],
    },
    null,
    2,
  ).slice(0, -2), // drop the closing "\n}"
  '  ',
);
const entryJson = (e) => '      ' + indent(JSON.stringify(e, null, 2), '      ');

/**
 * Write a HAR of about `bytes` bytes (at least one segment and the failing entries) to `path`,
 * streaming. Resolves to { path, bytes (written), entries, failing (their indices in log.entries) }.
 */
export async function writeHar(path, bytes) {
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([e]) => Promise.reject(e));
  failed.catch(() => {});
  let written = 0;
  let batch = '';
  const put = async (s) => {
    batch += s;
    if (batch.length < 1 << 20) return;
    written += Buffer.byteLength(batch);
    const ok = out.write(batch);
    batch = '';
    if (!ok) await Promise.race([once(out, 'drain'), failed]); // backpressure: wait for the stream
  };
  const tail = [
    (n) => failing(n, 403, ERROR_CODES[0], 'manifest'),
    (n) => segment(n),
    (n) => failing(n, 404, ERROR_CODES[1], 'fragment'),
    (n) => segment(n),
    (n) => segment(n),
  ];
  const failingAt = [];
  const approx = Buffer.byteLength(entryJson(segment(0))) + 2;
  const segments = Math.max(1, Math.round((bytes - tail.length * approx) / approx));
  await put('{\n  "log": ' + HEAD + ',\n    "entries": [\n');
  let n = 0;
  for (; n < segments; n++) await put((n ? ',\n' : '') + entryJson(segment(n)));
  for (const make of tail) {
    const e = make(n);
    if (e.response.status >= 400) failingAt.push(n);
    await put(',\n' + entryJson(e));
    n++;
  }
  batch += '\n    ]\n  }\n}\n';
  written += Buffer.byteLength(batch);
  out.end(batch);
  await Promise.race([once(out, 'finish'), failed]);
  return { path, bytes: written, entries: n, failing: failingAt };
}

/**
 * Write a HAR of about `mb` MB into a new temp directory, as `name`. Resolves to what writeHar
 * does plus { dir, remove() } (remove deletes the directory).
 */
export async function tempHar(mb, name = 'capture.har') {
  const dir = await mkdtemp(join(tmpdir(), 'gen-har-'));
  const r = await writeHar(join(dir, name), Math.round(mb * MB));
  return { ...r, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, size] = process.argv.slice(2);
  const mb = Number(size);
  if (!out || !(mb > 0)) {
    console.error('usage: node scripts/gen-har.mjs <out.har> <size in MB>');
    process.exit(2);
  }
  const t = performance.now();
  const r = await writeHar(out, Math.round(mb * MB));
  console.log(`${r.path}: ${(r.bytes / MB).toFixed(1)} MB, ${r.entries} entries (failing at ${r.failing.join(', ')}), ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
