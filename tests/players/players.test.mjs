// Real players against a local Media Services-shaped origin, in headless Chromium: hls.js, Shaka
// Player, dash.js and video.js (VHS) play each scenario of origin.mjs until their fatal error. Each
// run saves what a person would paste: the console as DevTools shows it, a HAR (bodies embedded)
// and the error object as JSON. Each capture is pasted into the built widget (AMS_DIST, default
// dist/), which must name the HTTP status wherever the capture shows it in a status context and
// the origin's MPE code wherever the capture holds it. A table of every player x scenario x
// capture is printed at the end.
//
//   node --test tests/players/                      (after trunk build --release; scripts/test.sh)
//   AMS_DIST=/path/to/dist PLAYERS_OUT=/tmp/caps PLAYERS_ONLY=hlsjs,shaka node --test tests/players/
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PANIC } from '../e2e/helpers.mjs';
import { SCENARIOS, startOrigin } from './origin.mjs';
import { around, excerpt, expectations, judge, statusAt } from './expect.mjs';
import { CAPTURES, DIST, OUT, PLAYERS, capture, freshOut, launch, openWidget, paste, requirements, startPageServer, version } from './harness.mjs';

const only = (process.env.PLAYERS_ONLY || '').split(',').filter(Boolean);
const players = only.length ? PLAYERS.filter((p) => only.includes(p.id)) : PLAYERS;
const scenarios = process.env.PLAYERS_SCENARIOS ? SCENARIOS.filter((s) => process.env.PLAYERS_SCENARIOS.split(',').includes(s.id)) : SCENARIOS;
const rows = []; // { player, scenario, capture, want, got, forms, bytes }

describe('real players: captures of their failures are explained by the widget', { timeout: 600_000 }, () => {
  let origin;
  let pages;
  let browser;
  let widget;
  const t0 = Date.now();

  before(async () => {
    requirements();
    freshOut();
    origin = await startOrigin();
    pages = await startPageServer();
    browser = await launch();
    widget = await openWidget(browser, pages);
    const versions = Object.fromEntries(players.map((p) => [p.id, version(p.pkg)]));
    writeFileSync(join(OUT, 'run.json'), JSON.stringify({ origin: origin.origin, pages: pages.origin, versions }, null, 2) + '\n');
    console.log(`widget from ${DIST}; captures in ${OUT}; ` + players.map((p) => `${p.name} ${version(p.pkg)}`).join(', '));
  });

  after(async () => {
    printTable(rows, Date.now() - t0);
    await browser?.close();
    await pages?.close();
    await origin?.close();
  });

  for (const player of players) {
    for (const scenario of scenarios) {
      test(`${player.id} × ${scenario.id}`, async () => {
        const src = origin.url(scenario, player.format);
        const run = await capture(browser, pages, player, scenario, src);
        assert.equal(run.problem, null, `${run.problem}\norigin saw: ${origin.requests.slice(-8).join(' | ')}`);
        const missing = [];
        for (const kind of CAPTURES) {
          const text = readFileSync(run.files[kind], 'utf8');
          const want = expectations(text, scenario);
          const findings = await paste(widget, text);
          const got = judge(findings, want);
          const excerpts = [];
          if (got.status === false) excerpts.push(around(text, statusAt(text, want.status)));
          if (got.code === false) excerpts.push(...excerpt(text, want.code, { max: 1 }));
          rows.push({ player: player.id, scenario, capture: kind, want, got, findings, bytes: Buffer.byteLength(text), excerpts });
          if (got.status === false) missing.push(`${kind}: status ${want.status} (shown as ${want.statusForms.join('; ')})`);
          if (got.code === false) missing.push(`${kind}: ${want.code} (${want.codeForms.join('; ')})`);
        }
        const panics = widget.problems.filter((l) => PANIC.test(l));
        assert.deepEqual(panics, [], 'the widget panicked');
        assert.deepEqual(missing, [], `the widget missed what the captures hold (${run.ms} ms run)`);
      });
    }
  }
});

function printTable(rows, ms) {
  if (!rows.length) return;
  const cell = (want, got) => (want == null ? '-' : got ? `${want} found` : `${want} MISSING`);
  const lines = [];
  const w = [8, 30, 8, 14, 58, 8, 0];
  const pad = (xs) => xs.map((x, i) => String(x).padEnd(w[i])).join(' ').trimEnd();
  lines.push(pad(['player', 'scenario', 'capture', 'status', 'code', 'bytes', 'the widget shows (data-code)']));
  for (const r of rows) {
    const shows = r.findings.map((f) => f.code).join(' ') || '(nothing)';
    lines.push(pad([r.player, r.scenario.id, r.capture, cell(r.want.status, r.got.status), cell(r.want.code, r.got.code), r.bytes, shows]));
  }
  const checks = rows.flatMap((r) => [r.got.status, r.got.code]).filter((x) => x !== null);
  const found = checks.filter(Boolean).length;
  lines.push(`${found} of ${checks.length} found, ${checks.length - found} missing; ${rows.length} captures in ${(ms / 1000).toFixed(1)} s`);
  // For each miss: the form the text has there.
  const misses = rows.filter((r) => r.got.status === false || r.got.code === false);
  if (misses.length) lines.push('', 'missed, and the form the text has there:');
  for (const r of misses) {
    const what = [r.got.status === false && `status ${r.want.status} as ${r.want.statusForms.join('; ')}`, r.got.code === false && `${r.want.code} as ${r.want.codeForms.join('; ')}`].filter(Boolean).join(', ');
    lines.push(`  ${r.player}-${r.scenario.id}.${r.capture}: ${what}; widget showed [${r.findings.map((f) => f.code).join(', ')}]`);
    for (const e of r.excerpts) lines.push(`      ${e}`);
  }
  console.log('\n' + lines.join('\n'));
}
