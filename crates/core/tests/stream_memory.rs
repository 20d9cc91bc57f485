//! The streaming diagnosis's memory is one window and the findings, never the text: a counting
//! allocator measures the peak while a large generated log and HAR stream through, and the peak
//! for four times the text is the same. A test binary of its own, so that no other test
//! allocates meanwhile.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use ams_errors_core::stream::Diagnosis;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Peak bytes allocated above the start while `blocks` copies of `block` (after `head`, before
/// `tail`) stream through a diagnosis with `window`, fed in pieces of 64 KiB; and the findings.
fn peak(head: &str, block: &str, tail: &str, blocks: usize, window: usize) -> (usize, usize) {
    let start = NOW.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let mut d = Diagnosis::with_window(window);
    d.feed(head);
    let piece = block.repeat((65_536 / block.len()).max(1));
    let per = piece.len() / block.len();
    for _ in 0..blocks / per {
        d.feed(&piece);
    }
    d.feed(tail);
    let n = d.finish().report.findings.len();
    (PEAK.load(Ordering::Relaxed) - start, n)
}

#[test]
fn peak_memory_does_not_grow_with_the_text() {
    const WINDOW: usize = 1 << 20;
    let mib = |b: usize| b as f64 / (1 << 20) as f64;
    // A log: 24 MiB, then 96 MiB.
    let line = "2024-05-01T10:00:00Z INFO GET /a/video.ism/Fragments(video=1) 200 51234 bytes\n";
    let block = line.repeat(200) + "2024-05-01T10:00:01Z ERROR x-ms-error-code: MPE_FRAGMENT_NOT_READY\n";
    let n = (24 << 20) / block.len();
    let (small, f1) = peak("", &block, "", n, WINDOW);
    let (large, f2) = peak("", &block, "", 4 * n, WINDOW);
    println!("log: peak {:.1} MiB for 24 MiB, {:.1} MiB for 96 MiB", mib(small), mib(large));
    assert_eq!((f1, f2), (1, 1));
    assert!(large < 6 * WINDOW, "{large} bytes");
    assert!(large < small + WINDOW / 4, "{small} then {large}: grows with the text");
    // A HAR: entries, every 500th failing.
    let ok = r#"{"request":{"method":"GET","url":"https://a.streaming.media.azure.net/1b2c3d4e-0000-0000-0000-000000000000/v.ism/Fragments(video=1)"},"response":{"status":200,"content":{"text":"AAAAHGZ0eXBpc282AAAAAGlzbzZkYXNo"}}},"#;
    let bad = r#"{"request":{"method":"GET","url":"https://a.streaming.media.azure.net/x/v.ism/Fragments(video=2)"},"response":{"status":412,"headers":[{"name":"x-ms-error-code","value":"MPE_FRAGMENT_NOT_READY"}],"content":{"text":""}}},"#;
    let block = format!("{}{bad}\n", format!("{ok}\n").repeat(499));
    let head = "{\"log\":{\"version\":\"1.2\",\"entries\":[\n";
    let tail = format!("{}]}}}}\n", ok.trim_end_matches(','));
    let n = (24 << 20) / block.len();
    let (small, f1) = peak(head, &block, &tail, n, WINDOW);
    let (large, f2) = peak(head, &block, &tail, 4 * n, WINDOW);
    println!("har: peak {:.1} MiB for 24 MiB, {:.1} MiB for 96 MiB", mib(small), mib(large));
    assert_eq!((f1, f2), (2, 2), "the code and its status");
    assert!(large < 6 * WINDOW, "{large} bytes");
    assert!(large < small + WINDOW / 4, "{small} then {large}: grows with the text");
}
