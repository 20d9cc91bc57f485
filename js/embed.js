// The one script a host page includes: <script type="module" src=".../embed.js"></script>.
// It starts fetching the wasm and its JS glue at once, side by side (the wasm compiles while it
// downloads), and puts a plain text box in each widget's place at once, so a person can paste
// before the wasm arrives; each widget then takes over that box's text, focus and caret. It
// mounts a widget in every element with the attribute data-ams-errors (reading data-query and
// data-theme), also in elements added later, and the standalone page's [data-ams-errors-page];
// and exports mount(element, options). No other logic lives here.
// scripts/post-build.mjs rewrites these two names to the built files' content-hashed ones.
const wasm = fetch(new URL('./ams-errors_bg.wasm', import.meta.url));
const ready = import('./ams-errors.js').then(async (glue) => {
  await glue.default({ module_or_path: wasm });
  return glue;
});
// The standalone page beside this file: share links and the pages per code (codes/) hang off it.
const pageUrl = new URL('./', import.meta.url).href + 'index.html';
const seen = new WeakSet();

/** Mount a widget in `element`; resolves to a handle with setQuery(text) and unmount(). */
export async function mount(element, options) {
  return (await ready).mount(element, options, pageUrl);
}

/** The stand-in box of a widget's element: the page's own, or a plain one put in place now. */
function standIn(el) {
  let box = el.querySelector('[data-ams-errors-prebox]');
  if (!box && !el.shadowRoot && el.hasAttribute('data-ams-errors')) {
    box = document.createElement('textarea');
    box.setAttribute('data-ams-errors-prebox', '');
    box.setAttribute('aria-label', 'Paste an error, a failing response, a player log or a HAR file, or type a code');
    box.rows = 4;
    box.autocomplete = 'off';
    box.spellcheck = false;
    box.style.cssText = 'display:block;box-sizing:border-box;width:100%;font:inherit';
    box.value = el.dataset.query || '';
    el.append(box);
  }
  return box;
}

/** The stand-in's text area (null without one). */
const areaOf = (box) => box && (box.matches('textarea') ? box : box.querySelector('textarea'));

/**
 * Once the widget's own box is drawn (its first render waits for a microtask, which may be a long
 * task on a slow phone), the stand-in goes and its focus and caret pass on; until then it stays
 * where it is and keeps what is typed into it, which the widget then takes too (`handle.setQuery`).
 */
function takeOver(el, box, handle, text) {
  const area = areaOf(box);
  if (!area) return;
  const pass = (tries) => {
    const real = el.shadowRoot && el.shadowRoot.querySelector('textarea');
    if (!real && tries > 0) return requestAnimationFrame(() => pass(tries - 1));
    const focused = document.activeElement === area;
    const [from, to] = [area.selectionStart, area.selectionEnd];
    const typed = area.value !== text;
    if (typed) handle.setQuery(area.value);
    box.remove();
    if (real && focused) {
      // After the widget has put a changed text in its box, or the caret would jump to the end.
      const focus = () => (real.focus(), real.setSelectionRange(from, to));
      typed ? requestAnimationFrame(focus) : focus();
    }
  };
  pass(30);
}

function hosts(root) {
  const found = root.querySelectorAll ? [...root.querySelectorAll('[data-ams-errors], [data-ams-errors-page]')] : [];
  const own = root.matches && root.matches('[data-ams-errors], [data-ams-errors-page]');
  return own ? [root, ...found] : found;
}

function mountFound(glue, root) {
  for (const el of hosts(root)) {
    if (seen.has(el)) continue;
    seen.add(el);
    const box = standIn(el);
    try {
      if (el.hasAttribute('data-ams-errors-page')) {
        // The widget starts with what was typed before the wasm came; a deep link wins over it.
        const text = box ? areaOf(box).value : undefined;
        takeOver(el, box, glue.mountPage(el, pageUrl, text), text);
      } else {
        const options = {};
        if (el.dataset.theme !== undefined) options.theme = el.dataset.theme;
        const text = box ? box.value : el.dataset.query;
        if (text !== undefined) options.query = text;
        takeOver(el, box, glue.mount(el, options, pageUrl), text);
      }
    } catch (e) {
      console.error(e);
    }
  }
}

function start() {
  let glue = null;
  for (const el of hosts(document)) standIn(el);
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (glue) mountFound(glue, n);
        else for (const el of hosts(n)) standIn(el);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  ready.then((g) => {
    glue = g;
    mountFound(g, document);
  }, (e) => console.error(e));
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
