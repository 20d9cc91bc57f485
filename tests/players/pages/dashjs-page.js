// dash.js with debug logging and no retries; the first error event is the failure. Clock sync uses
// the MPD's own UTCTiming (no outside time server).
'use strict';
const none = { MPD: 0, XLinkExpansion: 0, MediaSegment: 0, InitializationSegment: 0, BitstreamSwitchingSegment: 0, IndexSegment: 0, FragmentInfoSegment: 0, license: 0, licenseCertificate: 0, other: 0 };
const player = dashjs.MediaPlayer().create();
player.updateSettings({
  debug: { logLevel: dashjs.Debug.LOG_LEVEL_DEBUG },
  streaming: {
    retryAttempts: { ...none, lowLatencyMultiplyFactor: 1 },
    retryIntervals: { ...none, lowLatencyReductionFactor: 1 },
    utcSynchronization: { enableBackgroundSyncAfterSegmentDownloadError: false, defaultTimingSource: { scheme: 'urn:mpeg:dash:utc:direct:2014', value: new Date().toISOString() } },
  },
});
player.on(dashjs.MediaPlayer.events.ERROR, (event) => report('dash.js', event));
player.initialize(document.getElementById('video'), window.__src, true);
