// Shaka Player (debug build) with verbose logging and no retries; the first error event (or a
// rejected load()) is the failure.
'use strict';
(async () => {
  shaka.log.setLevel(shaka.log.Level.V1);
  shaka.polyfill.installAll();
  const retry = { maxAttempts: 1, baseDelay: 100, backoffFactor: 1, fuzzFactor: 0, timeout: 8000 };
  const player = new shaka.Player();
  await player.attach(document.getElementById('video'));
  player.configure({
    manifest: { retryParameters: retry },
    streaming: { retryParameters: retry, failureCallback: (error) => shaka.log.info('failureCallback: not retrying', error.code) },
    drm: { retryParameters: retry },
  });
  player.addEventListener('error', (event) => report('Shaka Player', event.detail));
  try {
    await player.load(window.__src);
  } catch (error) {
    report('Shaka Player', error);
  }
})();
