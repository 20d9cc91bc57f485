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

/** The stand-in's text (null without one); the stand-in goes, its focus and caret pass on. */
function takeOver(el, box) {
  if (!box) return null;
  const area = box.matches('textarea') ? box : box.querySelector('textarea');
  const text = area ? area.value : '';
  const focused = area && document.activeElement === area;
  const [from, to] = focused ? [area.selectionStart, area.selectionEnd] : [0, 0];
  box.remove();
  // The widget's box appears on its first render: look for it a few frames running.
  const pass = (tries) => {
    const real = el.shadowRoot && el.shadowRoot.querySelector('textarea');
    if (real) {
      real.focus();
      real.setSelectionRange(from, to);
    } else if (tries > 0) requestAnimationFrame(() => pass(tries - 1));
  };
  if (focused) pass(30);
  return text;
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
        glue.mountPage(el, pageUrl, box ? box.querySelector('textarea').value : undefined);
        takeOver(el, box);
      } else {
        const options = {};
        if (el.dataset.theme !== undefined) options.theme = el.dataset.theme;
        const text = box ? box.value : el.dataset.query;
        if (text !== undefined) options.query = text;
        glue.mount(el, options, pageUrl);
        takeOver(el, box);
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
