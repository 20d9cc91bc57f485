// Turns a run's captures (PLAYERS_OUT, or the directory given) into tests/fixtures/players/: the
// local origins are replaced by Media Services-looking ones, player script bodies are dropped from
// the HARs (each file stays small and valid JSON), and manifest.json lists every capture with the
// status and MPE code its text holds (decided as in the browser run, by expect.mjs), which
// tests/players.rs checks the native diagnosis names.
//
//   node --test tests/players/ && node tests/players/fixtures.mjs [captures-dir]
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from './origin.mjs';
import { expectations } from './expect.mjs';
import { CAPTURES, OUT, PLAYERS, ROOT, captureFile } from './harness.mjs';

export const STREAMING = 'https://contoso-usea.streaming.media.azure.net';
export const SITE = 'https://www.contoso.com'; // the player page's own origin
const MAX = 200 * 1024;
const DEST = join(ROOT, 'tests/fixtures/players');

/** Replace both local origins (with and without the scheme, as in Host and Origin headers). */
export function scrubText(text, run) {
  const swap = (t, local, remote) =>
    t
      .replaceAll(encodeURIComponent(local), encodeURIComponent(remote)) // in the player page's ?src=
      .replaceAll(local, remote)
      .replaceAll(local.replace(/^http:\/\//, ''), remote.replace(/^https:\/\//, ''));
  return swap(swap(text, run.origin, STREAMING), run.pages, SITE);
}

/** A HAR without player script bodies or local addresses, under MAX bytes. */
export function scrubHar(text, run) {
  const har = JSON.parse(scrubText(text, run));
  for (const e of har.log.entries) {
    delete e.serverIPAddress;
    delete e._serverPort;
    const c = e.response && e.response.content;
    if (c && c.text !== undefined && (/javascript|css/.test(c.mimeType || '') || c.text.length > 16 * 1024)) {
      delete c.text;
      delete c.encoding;
      c.comment = 'body dropped from the test fixture (a player library)';
    }
  }
  return JSON.stringify(har, null, 2) + '\n';
}

/** Console text kept whole when small; else its first and last lines around a marked cut. */
export function trimConsole(text) {
  if (Buffer.byteLength(text) <= MAX) return text;
  const lines = text.split('\n');
  const take = (from, budget, step) => {
    const out = [];
    for (let i = from, size = 0; i >= 0 && i < lines.length && size + lines[i].length < budget; i += step) {
      out.push(lines[i]);
      size += Buffer.byteLength(lines[i]) + 1;
    }
    return out;
  };
  const head = take(0, MAX * 0.25, 1);
  const tail = take(lines.length - 1, MAX * 0.7, -1).reverse();
  return [...head, `[... ${lines.length - head.length - tail.length} console lines cut from the test fixture ...]`, ...tail].join('\n');
}

function main() {
  const dir = process.argv[2] || OUT;
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  if (existsSync(DEST)) rmSync(DEST, { recursive: true });
  mkdirSync(DEST, { recursive: true });
  const captures = [];
  for (const p of PLAYERS) {
    for (const s of SCENARIOS) {
      for (const kind of CAPTURES) {
        const file = captureFile(p.id, s.id, kind);
        if (!existsSync(join(dir, file))) continue;
        const raw = readFileSync(join(dir, file), 'utf8');
        if (kind === 'error' && raw.trim() === 'null') continue; // the run had no fatal error
        let text = kind === 'har' ? scrubHar(raw, run) : scrubText(raw, run);
        if (kind === 'console') text = trimConsole(text);
        if (Buffer.byteLength(text) > MAX) console.warn(`${file}: ${Buffer.byteLength(text)} bytes, over ${MAX}`);
        writeFileSync(join(DEST, file), text);
        const want = expectations(text, s);
        captures.push({ file, player: p.id, version: run.versions[p.id], scenario: s.id, capture: kind, where: s.where, origin_status: s.status, origin_code: s.code, status: want.status, code: want.code });
      }
    }
  }
  const manifest = {
    about:
      'Captures of real players failing against a local Media Services-shaped origin (tests/players/), with the ' +
      'origins replaced. `status` / `code`: what the capture text holds and the diagnosis must name (null: the text ' +
      'does not hold it); `origin_status` / `origin_code`: what the origin answered.',
    captures,
  };
  writeFileSync(join(DEST, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const players = PLAYERS.map((p) => `${p.name} ${run.versions[p.id]}`).join(', ');
  writeFileSync(
    join(DEST, 'README.md'),
    `# Real-player captures\n\n` +
      `Made by this project's own harness (\`tests/players/\`), not taken from anyone: ${players} in headless Chromium, ` +
      `playing a local origin (\`tests/players/origin.mjs\`) that answers as a Media Services streaming endpoint does. ` +
      `For each player and scenario: \`<player>-<scenario>.console.txt\` (the console as DevTools shows it), ` +
      `\`.har\` (player script bodies dropped) and \`.error.json\` (the player's error object). The local origins are ` +
      `replaced by \`${STREAMING}\` (the origin) and \`${SITE}\` (the player page). \`manifest.json\` lists what each ` +
      `capture must yield; \`tests/players.rs\` checks it.\n\n` +
      `Regenerate: \`node --test tests/players/ && node tests/players/fixtures.mjs\`.\n`,
  );
  console.log(`${captures.length} fixtures in ${DEST}`);
}

main();
