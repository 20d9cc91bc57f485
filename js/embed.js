// The one script a host page includes: <script type="module" src=".../embed.js"></script>.
// It loads the wasm once (however many widgets there are), mounts a widget in every element
// with the attribute data-ams-errors (reading data-query and data-theme), also in elements
// added later, and exports mount(element, options). No logic of its own lives here.
import init, { mount as mountWidget, mountPage } from './ams-errors.js';

const ready = init({ module_or_path: new URL('./ams-errors_bg.wasm', import.meta.url) });
// The standalone page beside this file: share links and the pages per code (codes/) hang off it.
const pageUrl = new URL('./index.html', import.meta.url).href;
const seen = new WeakSet();

/** Mount a widget in `element`; resolves to a handle with setQuery(text) and unmount(). */
export async function mount(element, options) {
  await ready;
  return mountWidget(element, options, pageUrl);
}

function mountFound(root) {
  const page = root.querySelector && root.querySelector('[data-ams-errors-page]');
  if (page && !seen.has(page)) {
    seen.add(page);
    try {
      mountPage(page, pageUrl);
    } catch (e) {
      console.error(e);
    }
  }
  const found = root.querySelectorAll ? root.querySelectorAll('[data-ams-errors]') : [];
  for (const el of [root, ...found]) {
    if (!el.hasAttribute || !el.hasAttribute('data-ams-errors') || seen.has(el)) continue;
    seen.add(el);
    const options = {};
    if (el.dataset.query !== undefined) options.query = el.dataset.query;
    if (el.dataset.theme !== undefined) options.theme = el.dataset.theme;
    try {
      mountWidget(el, options, pageUrl);
    } catch (e) {
      console.error(e);
    }
  }
}

async function start() {
  await ready;
  mountFound(document);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) mountFound(n);
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
