// video.js 8 with its HTTP streaming (VHS) and debug logging; a failed playlist is excluded for good
// rather than retried, so that a failure ends in the player's error.
'use strict';
videojs.log.level('debug');
const player = videojs('video', {
  muted: true,
  autoplay: 'muted',
  preload: 'auto',
  html5: { vhs: { overrideNative: true, playlistExclusionDuration: Infinity, maxPlaylistRetries: 0 } },
});
player.on('error', () => report('video.js', player.error()));
player.src({ src: window.__src, type: window.__src.includes('mpd-time-csf') ? 'application/dash+xml' : 'application/x-mpegURL' });
