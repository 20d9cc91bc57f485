// The Web Worker that reads a capture file for a widget (the page starts it beside its glue; see
// src/ui/hooks/use_files.rs). It runs a wasm of its own, crates/worker: the core's streaming
// diagnosis and redactor without the UI, fetched the first time a file is opened (the page's wasm
// carries none of it). It streams the file, never holding it whole: File.stream(), then its bytes
// into the diagnosis (FileJob, which decodes UTF-8 itself; a UTF-16 file through a streaming
// TextDecoder) or through the redactor (RedactJob), whose pieces become a Blob.
// It posts { read } about ten times a second, { found } (the findings so far, encoded by the
// core's wire module) when there are new ones, at most four times a second (each is decoded and
// drawn by the page, which shares the machine with the read), and at the end { done } or
// { saved, name, masked, summary }, or { failed } with a message a person can read; `memory` is
// the bytes of wasm memory it holds (it only grows, so the last one is the peak). The page stops
// it with terminate(). The page may start it ahead of a file (`warm` in use_files.rs), its wasm
// loading meanwhile; and a file starts streaming as soon as it comes, while the wasm may still
// be loading.
// scripts/post-build.mjs rewrites the glue's name to its content-hashed one.
import init, { FileJob, RedactJob, copy_name } from './ams-errors-worker.js';

// The wasm loads as soon as the worker starts (the page may start it before a file is chosen);
// a failure to load is the first message's to report.
const ready = init();
ready.catch(() => {});

/** A streaming decoder when a file's first bytes are a UTF-16 byte-order mark, else false (UTF-8). */
function utf16(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be');
  return false;
}

/** The findings so far are posted at most this often (ms); the first at once, the last with done. */
const FOUND_EVERY = 250;

onmessage = async ({ data: { file, redact, ip } }) => {
  // The file starts streaming while the wasm may still be loading: its first piece is on its way.
  const reader = file.stream().getReader();
  let first = reader.read();
  first.catch(() => {});
  let wasm;
  try {
    wasm = await ready;
  } catch (e) {
    reader.cancel().catch(() => {});
    return postMessage({
      failed: `The file reader could not start (${(e && e.name) || 'error'}): it needs its wasm beside js/worker.js, and WebAssembly with SIMD (Chrome 91, Firefox 89, Safari 16.4 or newer).`,
    });
  }
  let job;
  try {
    const memory = () => wasm.memory.buffer.byteLength;
    job = redact ? new RedactJob(ip) : new FileJob();
    const parts = [];
    let decoder = null;
    let read = 0;
    let last = 0;
    // New findings not posted yet, and when findings were last posted.
    let news = false;
    let posted = -Infinity;
    for (;;) {
      const { done, value } = await (first ?? reader.read());
      first = null;
      if (done) break;
      read += value.length;
      if (redact) {
        parts.push(job.feed(value));
      } else {
        decoder ??= utf16(value);
        // UTF-8 goes to the wasm as bytes (one copy; it decodes them), UTF-16 as decoded text.
        const fed = decoder ? job.feed(decoder.decode(value, { stream: true })) : job.feed_bytes(value);
        if (fed === 2) {
          reader.cancel();
          return postMessage({ failed: `${file.name} does not look like text (a HAR, JSON, XML, a log): it was not read.` });
        }
        news ||= fed === 1;
      }
      const now = performance.now();
      if (news && now - posted >= FOUND_EVERY) {
        news = false;
        posted = now;
        postMessage({ found: job.found(), read });
      }
      if (now - last > 100) {
        last = now;
        postMessage({ read, memory: memory() });
      }
    }
    if (redact) {
      parts.push(job.finish());
      const saved = new Blob(parts, { type: file.type || 'application/octet-stream' });
      return postMessage({ saved, name: copy_name(file.name), read, masked: job.masked(), summary: job.summary() });
    }
    if (decoder) job.feed(decoder.decode());
    postMessage({ done: job.finish(), read, memory: memory() });
    job = null;
  } catch (e) {
    postMessage({
      failed: `${file.name} could not be read to its end (${(e && e.name) || 'error'}: was it moved, removed or changed while it was read?)`,
    });
  }
};
