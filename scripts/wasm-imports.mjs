// Short import names for a wasm-bindgen build, as emscripten's minifier gives them: wasm-bindgen
// names every import `__wbg_<name>_<16 hex digits>` under the module "./<crate>_bg.js", and each
// name is written twice, in the wasm's import section and as a key of the glue's import object.
// The hex does not compress: 136 imports cost ~2 KB brotli. `shortenImports` renames each import
// of the glue's module to a one- or two-letter name, and the module to "w", in both files.
// Everything else in the wasm is copied byte for byte. It refuses (throws) rather than guesses:
// a name the glue does not hold exactly once as an object key stops the build.

/** Reads an unsigned LEB128 at `pos`: [value, next position]. */
function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    if (pos >= buf.length) throw new Error('wasm ends inside a number');
    byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}

/** Encodes an unsigned LEB128. */
function uleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const enc = new TextEncoder();
const str = (s) => [...uleb(enc.encode(s).length), ...enc.encode(s)];

/** Where one import's description ends (after its kind byte at `pos`). */
function skipDesc(buf, pos) {
  const kind = buf[pos++];
  const limits = (p) => {
    const flags = buf[p++];
    [, p] = leb(buf, p);
    if (flags & 1) [, p] = leb(buf, p);
    return p;
  };
  switch (kind) {
    case 0: return leb(buf, pos)[1]; // function: type index
    case 1: return limits(pos + 1); // table: reference type, limits
    case 2: return limits(pos); // memory: limits
    case 3: return pos + 2; // global: value type, mutability
    case 4: return leb(buf, pos + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

/** a, b, … z, A … Z, then aa, ab, …: never a name JS treats specially as a key. */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[i % 52] + name;
    i = Math.floor(i / 52) - 1;
  } while (i >= 0);
  return name;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `wasm` (bytes) and `glue` (the glue's JS): the same pair with short import names, and how many
 * imports were renamed. Imports of other modules are left alone.
 */
export function shortenImports(wasm, glue) {
  const buf = Uint8Array.from(wasm);
  if (buf.length < 8 || buf[0] !== 0 || buf[1] !== 0x61 || buf[2] !== 0x73 || buf[3] !== 0x6d) throw new Error('not a wasm module');
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, start] = leb(buf, pos + 1);
    const end = start + size;
    if (id !== 2) {
      pos = end;
      continue;
    }
    let [count, p] = leb(buf, start);
    const imports = [];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = leb(buf, p);
      const module = utf8.decode(buf.subarray(p, p + len));
      p += len;
      [len, p] = leb(buf, p);
      const field = utf8.decode(buf.subarray(p, p + len));
      p += len;
      const descEnd = skipDesc(buf, p);
      imports.push({ module, field, desc: buf.subarray(p, descEnd) });
      p = descEnd;
    }
    if (p !== end) throw new Error('import section length does not add up');
    // The glue's module: the one whose name the glue holds as a quoted key.
    const modules = [...new Set(imports.map((im) => im.module))].filter((m) => glue.includes(`"${m}":`));
    if (modules.length !== 1) throw new Error(`expected one glue module among the imports, found ${modules.length}`);
    const [module] = modules;
    let out = glue.replace(`"${module}":`, '"w":');
    let n = 0;
    const payload = [...uleb(count)];
    for (const im of imports) {
      let { module: m, field } = im;
      if (m === module) {
        const key = new RegExp(`([{,])${escape(field)}(?=[:(])`, 'g');
        const uses = out.match(new RegExp(`(?<![\\w$])${escape(field)}(?![\\w$])`, 'g')) || [];
        if (uses.length !== 1 || (out.match(key) || []).length !== 1) {
          throw new Error(`the glue names import ${field} ${uses.length} times, not once as a key`);
        }
        const short = shortName(n++);
        out = out.replace(key, `$1${short}`);
        m = 'w';
        field = short;
      }
      payload.push(...str(m), ...str(field), ...im.desc);
    }
    const section = [2, ...uleb(payload.length), ...payload];
    const result = new Uint8Array(pos + section.length + (buf.length - end));
    result.set(buf.subarray(0, pos), 0);
    result.set(section, pos);
    result.set(buf.subarray(end), pos + section.length);
    return { wasm: result, glue: out, renamed: n };
  }
  throw new Error('the wasm has no import section');
}
