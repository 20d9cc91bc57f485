// hls.js with its debug logger on and no retries, so that a failure is fatal at once.
'use strict';
const noRetry = { maxNumRetry: 0, retryDelayMs: 0, maxRetryDelayMs: 0 };
const policy = { default: { maxTimeToFirstByteMs: 8000, maxLoadTimeMs: 8000, timeoutRetry: noRetry, errorRetry: noRetry } };
const hls = new Hls({
  debug: true,
  enableWorker: false,
  manifestLoadPolicy: policy,
  playlistLoadPolicy: policy,
  fragLoadPolicy: policy,
  keyLoadPolicy: policy,
  certLoadPolicy: policy,
  steeringManifestLoadPolicy: policy,
});
hls.on(Hls.Events.ERROR, (event, data) => {
  if (data.fatal) report('hls.js', data);
});
hls.loadSource(window.__src);
hls.attachMedia(document.getElementById('video'));
