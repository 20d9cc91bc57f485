// A local stand-in for an Azure Media Services streaming endpoint (origin), for the real-player
// tests: node:http on 127.0.0.1, an ephemeral port, no dependencies.
//
//   /<locator>/video.ism/manifest(format=m3u8-aapl)                                HLS master playlist
//   /<locator>/video.ism/QualityLevels(<bitrate>)/Manifest(video,format=m3u8-aapl) HLS media playlist (live)
//   /<locator>/video.ism/QualityLevels(<bitrate>)/Fragments(video=<t>,format=m3u8-aapl)    TS segment
//   /<locator>/video.ism/manifest(format=mpd-time-csf)                             DASH MPD (live)
//   /<locator>/video.ism/QualityLevels(<bitrate>)/Fragments(video=i,format=mpd-time-csf)   fMP4 init
//   /<locator>/video.ism/QualityLevels(<bitrate>)/Fragments(video=<t>,format=mpd-time-csf) fMP4 segment
//
// The locator GUID picks the scenario (SCENARIOS below): an error on the manifest, an error on every
// media segment (the manifest and the init segment succeed, as at a live edge), or a manifest served
// without CORS headers so that the browser blocks it (the player sees status 0). Errors have the
// origin's shape: the status line, `Content-Type: text/xml` and a <serverError> body naming the MPE
// code, with fresh activity and service ids. Every response but the CORS scenario's carries
// `Access-Control-Allow-Origin: *`, so a player page on another port can read it.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/**
 * The scenarios: `where` is `manifest` (the first manifest request fails), `segment` (every media
 * segment fails) or `cors` (the manifest is served without CORS headers); `status`/`code` are the
 * origin's answer (status 0: the browser blocks the response, there is no code). Statuses and codes
 * are the pairs of Microsoft's Streaming Endpoint (Origin) errors reference (origin_codes.tsv).
 */
export const SCENARIOS = [
  { id: 'encryption-required', where: 'manifest', status: 403, code: 'MPE_ENC_ENCRYPTION_REQUIRED', locator: '0a1f2e3d-0001-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'resource-not-found', where: 'manifest', status: 404, code: 'MPE_RESOURCE_NOT_FOUND', locator: '0a1f2e3d-0002-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'encryption-not-in-url', where: 'manifest', status: 400, code: 'MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL', locator: '0a1f2e3d-0003-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'output-format-not-supported', where: 'manifest', status: 415, code: 'MPE_OUTPUT_FORMAT_NOT_SUPPORTED', locator: '0a1f2e3d-0004-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'output-format-blocked', where: 'manifest', status: 403, code: 'MPE_OUTPUT_FORMAT_BLOCKED', locator: '0a1f2e3d-0005-4c5b-9a69-7e8f90a1b2c3' },
  // The reference lists MPE_FILTER_INVALID under 415 (the filter is named in the manifest URL).
  { id: 'filter-invalid', where: 'manifest', status: 415, code: 'MPE_FILTER_INVALID', locator: '0a1f2e3d-0006-4c5b-9a69-7e8f90a1b2c3', filter: 'bogus-filter' },
  { id: 'storage-authentication-failed', where: 'manifest', status: 403, code: 'MPE_STORAGE_AUTHENTICATION_FAILED', locator: '0a1f2e3d-0007-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'fragment-not-ready', where: 'segment', status: 412, code: 'MPE_FRAGMENT_NOT_READY', locator: '0a1f2e3d-0008-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'dvr-window-left-edge', where: 'segment', status: 410, code: 'MPE_FILTER_FORCE_END_LEFT_EDGE_CROSSED_DVR_WINDOW', locator: '0a1f2e3d-0009-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'fragment-timestamp-not-found', where: 'segment', status: 404, code: 'MPE_FRAGMENT_TIMESTAMP_NOT_FOUND', locator: '0a1f2e3d-000a-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'storage-server-busy', where: 'segment', status: 503, code: 'MPE_STORAGE_SERVER_BUSY', locator: '0a1f2e3d-000b-4c5b-9a69-7e8f90a1b2c3' },
  { id: 'cors-blocked', where: 'cors', status: 0, code: null, locator: '0a1f2e3d-000c-4c5b-9a69-7e8f90a1b2c3' },
];

const BITRATE = 1500000;
const TIMESCALE = 10000000; // 100 ns units, as Media Services writes them
const SEG = 2; // seconds per segment
const SEG_T = SEG * TIMESCALE;
const WINDOW = 10; // segments in the live window
const WIDTH = 320;
const HEIGHT = 240;
const CODEC = 'avc1.42C01E';

/** The manifest URL of a scenario for a format (`hls` or `dash`), on an origin `http://127.0.0.1:N`. */
export function manifestUrl(origin, scenario, format) {
  const fmt = format === 'dash' ? 'mpd-time-csf' : 'm3u8-aapl';
  const filter = scenario.filter ? `,filter=${scenario.filter}` : '';
  return `${origin}/${scenario.locator}/video.ism/manifest(format=${fmt}${filter})`;
}

export function serverError(status, code) {
  return (
    '<?xml version="1.0" encoding="utf-8"?><serverError>' +
    `<status>${status}</status><subStatus>0</subStatus><hresult>${code}</hresult>` +
    `<activityId>${randomUUID().toUpperCase()}</activityId><serviceId>${randomUUID().toUpperCase()}</serviceId>` +
    '</serverError>'
  );
}

// ---- media: a live HLS playlist of TS segments and a live DASH MPD of fMP4 segments -------------

function hlsMaster() {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:4',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-STREAM-INF:BANDWIDTH=${BITRATE + 128000},RESOLUTION=${WIDTH}x${HEIGHT},CODECS="${CODEC},mp4a.40.2"`,
    `QualityLevels(${BITRATE})/Manifest(video,format=m3u8-aapl)`,
    '',
  ].join('\n');
}

/** The live window: the last WINDOW segments fully available at `now` (ms) since `start` (ms). */
function liveWindow(start, now) {
  const last = Math.floor((now - start) / 1000 / SEG) - 1;
  const first = Math.max(0, last - WINDOW + 1);
  return { first, last };
}

function hlsMedia(start, now) {
  const { first, last } = liveWindow(start, now);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:4', '#EXT-X-ALLOW-CACHE:NO', `#EXT-X-MEDIA-SEQUENCE:${first}`, `#EXT-X-TARGETDURATION:${SEG}`];
  lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(start + first * SEG * 1000).toISOString()}`);
  for (let i = first; i <= last; i++) lines.push(`#EXTINF:${SEG.toFixed(6)},no-desc`, `Fragments(video=${i * SEG_T},format=m3u8-aapl)`);
  return lines.join('\n') + '\n';
}

function dashMpd(start, now) {
  const { first, last } = liveWindow(start, now);
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  return `<?xml version="1.0" encoding="utf-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" minBufferTime="PT3S" type="dynamic" availabilityStartTime="${iso(start)}" publishTime="${iso(now)}" minimumUpdatePeriod="PT${SEG}S" timeShiftBufferDepth="PT${WINDOW * SEG}S" suggestedPresentationDelay="PT${3 * SEG}S" maxSegmentDuration="PT${SEG}S" profiles="urn:mpeg:dash:profile:isoff-live:2011">
  <Period id="0" start="PT0S">
    <AdaptationSet id="1" group="1" contentType="video" mimeType="video/mp4" codecs="${CODEC}" segmentAlignment="true" startWithSAP="1" maxWidth="${WIDTH}" maxHeight="${HEIGHT}">
      <SegmentTemplate timescale="${TIMESCALE}" presentationTimeOffset="0" media="QualityLevels($Bandwidth$)/Fragments(video=$Time$,format=mpd-time-csf)" initialization="QualityLevels($Bandwidth$)/Fragments(video=i,format=mpd-time-csf)">
        <SegmentTimeline><S t="${first * SEG_T}" d="${SEG_T}" r="${last - first}"/></SegmentTimeline>
      </SegmentTemplate>
      <Representation id="1_V_video_1" bandwidth="${BITRATE}" width="${WIDTH}" height="${HEIGHT}"/>
    </AdaptationSet>
  </Period>
  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:direct:2014" value="${new Date(now).toISOString()}"/>
</MPD>
`;
}

// A valid fMP4 initialization segment (ftyp + moov) for one H.264 track of WIDTH x HEIGHT, so that
// DASH players get past the init segment and on to the media segments that fail. Built by hand:
// ISO BMFF boxes around an SPS/PPS written with an Exp-Golomb bit writer.
function box(type, ...parts) {
  const body = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}
const full = (type, version, flags, ...parts) => box(type, Buffer.from([version, flags >> 16, (flags >> 8) & 255, flags & 255]), ...parts);
const u32 = (...ns) => {
  const b = Buffer.alloc(4 * ns.length);
  ns.forEach((n, i) => b.writeUInt32BE(n >>> 0, 4 * i));
  return b;
};
const u16 = (...ns) => {
  const b = Buffer.alloc(2 * ns.length);
  ns.forEach((n, i) => b.writeUInt16BE(n & 0xffff, 2 * i));
  return b;
};
const MATRIX = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

function rbsp(write) {
  const bits = [];
  const u = (n, v) => {
    for (let i = n - 1; i >= 0; i--) bits.push((v >> i) & 1);
  };
  const ue = (v) => {
    const x = v + 1;
    const len = Math.floor(Math.log2(x));
    u(len, 0);
    u(len + 1, x);
  };
  const se = (v) => ue(v <= 0 ? -2 * v : 2 * v - 1);
  write(u, ue, se);
  bits.push(1);
  while (bits.length % 8) bits.push(0);
  const out = [];
  for (let i = 0; i < bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8).join(''), 2));
  // Emulation prevention: no 00 00 0x (x <= 3) inside a NAL unit.
  const nal = [];
  let zeros = 0;
  for (const b of out) {
    if (zeros >= 2 && b <= 3) {
      nal.push(3);
      zeros = 0;
    }
    nal.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(nal);
}

function initSegment() {
  const sps = Buffer.concat([
    Buffer.from([0x67, 0x42, 0xc0, 0x1e]), // NAL header, profile 66 (baseline), constraint_set0+1, level 3.0
    rbsp((u, ue) => {
      ue(0); // seq_parameter_set_id
      ue(0); // log2_max_frame_num_minus4
      ue(2); // pic_order_cnt_type
      ue(1); // max_num_ref_frames
      u(1, 0); // gaps_in_frame_num_value_allowed_flag
      ue(WIDTH / 16 - 1);
      ue(HEIGHT / 16 - 1);
      u(1, 1); // frame_mbs_only_flag
      u(1, 1); // direct_8x8_inference_flag
      u(1, 0); // frame_cropping_flag
      u(1, 0); // vui_parameters_present_flag
    }),
  ]);
  const pps = Buffer.concat([
    Buffer.from([0x68]),
    rbsp((u, ue, se) => {
      ue(0); // pic_parameter_set_id
      ue(0); // seq_parameter_set_id
      u(1, 0); // entropy_coding_mode_flag
      u(1, 0); // bottom_field_pic_order_in_frame_present_flag
      ue(0); // num_slice_groups_minus1
      ue(0); // num_ref_idx_l0_default_active_minus1
      ue(0); // num_ref_idx_l1_default_active_minus1
      u(1, 0); // weighted_pred_flag
      u(2, 0); // weighted_bipred_idc
      se(0); // pic_init_qp_minus26
      se(0); // pic_init_qs_minus26
      se(0); // chroma_qp_index_offset
      u(1, 1); // deblocking_filter_control_present_flag
      u(1, 0); // constrained_intra_pred_flag
      u(1, 0); // redundant_pic_cnt_present_flag
    }),
  ]);
  const avcC = box('avcC', Buffer.from([1, sps[1], sps[2], sps[3], 0xff, 0xe1]), u16(sps.length), sps, Buffer.from([1]), u16(pps.length), pps);
  const avc1 = box(
    'avc1',
    Buffer.alloc(6), u16(1), // reserved, data_reference_index
    Buffer.alloc(16), u16(WIDTH, HEIGHT), u32(0x480000, 0x480000, 0), u16(1), // pre_defined, size, resolution, frame_count
    Buffer.alloc(32), u16(0x18, 0xffff), avcC, // compressorname, depth, pre_defined
  );
  const stbl = box(
    'stbl',
    full('stsd', 0, 0, u32(1), avc1),
    full('stts', 0, 0, u32(0)),
    full('stsc', 0, 0, u32(0)),
    full('stsz', 0, 0, u32(0, 0)),
    full('stco', 0, 0, u32(0)),
  );
  const minf = box('minf', full('vmhd', 0, 1, u16(0, 0, 0, 0)), box('dinf', full('dref', 0, 0, u32(1), full('url ', 0, 1))), stbl);
  const mdia = box(
    'mdia',
    full('mdhd', 0, 0, u32(0, 0, TIMESCALE, 0), u16(0x55c4, 0)), // language "und"
    full('hdlr', 0, 0, u32(0), Buffer.from('vide'), u32(0, 0, 0), Buffer.from('VideoHandler\0')),
    minf,
  );
  const tkhd = full('tkhd', 0, 3, u32(0, 0, 1, 0, 0, 0, 0), u16(0, 0, 0, 0), MATRIX, u32(WIDTH << 16, HEIGHT << 16));
  const mvhd = full('mvhd', 0, 0, u32(0, 0, TIMESCALE, 0, 0x10000), u16(0x100, 0), u32(0, 0), MATRIX, Buffer.alloc(24), u32(2));
  const moov = box('moov', mvhd, box('trak', tkhd, mdia), box('mvex', full('trex', 0, 0, u32(1, 1, 0, 0, 0))));
  const ftyp = box('ftyp', Buffer.from('iso6'), u32(0), Buffer.from('iso6isomdashavc1'));
  return Buffer.concat([ftyp, moov]);
}
const INIT = initSegment();

// A media segment that is only bytes (never served in a scenario: every media segment fails there).
const TS_NULL = Buffer.alloc(188 * 4, 0xff).fill(0x47, 0, 1);

// ---- the server ----------------------------------------------------------------------------------

const ROUTE = /^\/([0-9a-f-]{36})\/([^/]+\.ism)\/(.+)$/i;

/**
 * Start the origin. Resolves to { origin, requests, url(scenario, format), close() }; `requests` lists
 * `<status> <path>` of every request, in order.
 */
export async function startOrigin({ port = 0 } = {}) {
  const start = Date.now() - 60_000; // the live event "started" a minute ago: a full window exists
  const byLocator = new Map(SCENARIOS.map((s) => [s.locator.toLowerCase(), s]));
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    const m = ROUTE.exec(path);
    const scenario = m && byLocator.get(m[1].toLowerCase());
    const headers = { 'Cache-Control': 'no-cache' };
    if (!scenario || scenario.where !== 'cors') {
      headers['Access-Control-Allow-Origin'] = '*';
      headers['Access-Control-Expose-Headers'] = 'Content-Length, Content-Type, Date';
    }
    const send = (status, type, body) => {
      requests.push(`${status} ${path}`);
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const fail = (status, code) => send(status, 'text/xml', serverError(status, code));
    if (req.method === 'OPTIONS') {
      requests.push(`204 OPTIONS ${path}`);
      res.writeHead(204, { ...headers, 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': '*', 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }
    if (!m || !scenario) return fail(404, 'MPE_RESOURCE_NOT_FOUND');
    const rest = m[3];
    const now = Date.now();
    const isManifest = /^manifest\(/i.test(rest);
    if (isManifest && scenario.where === 'manifest') return fail(scenario.status, scenario.code);
    const format = /format=mpd-time-csf/i.test(rest) ? 'dash' : /format=m3u8-aapl/i.test(rest) ? 'hls' : null;
    if (!format) return fail(415, 'MPE_OUTPUT_FORMAT_NOT_SUPPORTED');
    if (isManifest) {
      return format === 'dash' ? send(200, 'application/dash+xml', dashMpd(start, now)) : send(200, 'application/vnd.apple.mpegurl', hlsMaster());
    }
    const q = /^QualityLevels\((\d+)\)\/(Manifest|Fragments)\((.*)\)$/i.exec(rest);
    if (!q || Number(q[1]) !== BITRATE) return fail(404, 'MPE_EGRESS_TRACK_NOT_FOUND');
    if (/^manifest$/i.test(q[2])) return send(200, 'application/vnd.apple.mpegurl', hlsMedia(start, now));
    const t = /video=(i|\d+)/.exec(q[3]);
    if (!t) return fail(404, 'MPE_EGRESS_TRACK_NOT_FOUND');
    if (t[1] === 'i') return send(200, 'video/mp4', INIT);
    if (scenario.where === 'segment') return fail(scenario.status, scenario.code);
    return send(200, format === 'dash' ? 'video/mp4' : 'video/mp2t', TS_NULL);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((ok, no) => server.once('error', no).listen(port, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    url: (scenario, format) => manifestUrl(origin, scenario, format),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// `node tests/players/origin.mjs [port]`: run the origin by hand and print each scenario's URLs.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = await startOrigin({ port: Number(process.argv[2] || 0) });
  for (const s of SCENARIOS) console.log(`${s.id.padEnd(30)} ${o.url(s, 'hls')}\n${''.padEnd(30)} ${o.url(s, 'dash')}`);
  console.log(`origin at ${o.origin}; Ctrl-C stops`);
}
