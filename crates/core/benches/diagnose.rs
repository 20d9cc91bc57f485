//! Native benchmark of `diagnose`: medians for 1 KB, 100 KB, 2 MB and 10 MB inputs of each kind
//! (HAR, JSON event list, curl transcript, free-text log), and, as a baseline for the JSON
//! ones, `serde_json::from_str::<serde_json::Value>` of the same text. Run with
//! `cargo bench --bench diagnose`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ams_errors_core::diagnose::diagnose;

fn median(mut f: impl FnMut(), budget: Duration) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < budget && times.len() < 200) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../../tests/fixtures/pastes/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A HAR of about `size` bytes: the fixture's entries repeated.
fn har(size: usize) -> String {
    let text = fixture("har_fragment_not_ready.har");
    let open = text.find("\"entries\": [").unwrap() + "\"entries\": [".len();
    let close = text.rfind(']').unwrap();
    let body = text[open..close].trim();
    let mut out = text[..open].to_string();
    let mut first = true;
    while out.len() < size {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(body);
    }
    out.push_str(&text[close..]);
    out
}

fn events(size: usize) -> String {
    let text = fixture("eventgrid_encoder_disconnected.json");
    let one = text.trim().trim_start_matches('[').trim_end_matches(']').trim();
    let mut out = String::from("[");
    while out.len() < size {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(one);
    }
    out.push(']');
    out
}

fn repeat(name: &str, size: usize) -> String {
    let one = fixture(name);
    let mut out = String::new();
    while out.len() < size {
        out.push_str(&one);
    }
    out
}

fn fmt(d: Duration) -> String {
    format!("{:>10.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let sizes = [("1 KB", 1 << 10), ("100 KB", 100 << 10), ("2 MB", 2 << 20), ("10 MB", 10 << 20)];
    println!("{:<8} {:<7} {:>13} {:>13} {:>13} {:>7}", "kind", "size", "diagnose", "per MB", "serde_json", "ratio");
    type Make = fn(usize) -> String;
    let kinds: [(&str, Make, bool); 4] = [
        ("har", har, true),
        ("events", events, true),
        ("curl", |n| repeat("curl_v_encryption_required.txt", n), false),
        ("log", |n| repeat("log_hresults.txt", n), false),
    ];
    for (kind, make, json) in kinds {
        for (label, size) in sizes {
            let text = make(size);
            let budget = Duration::from_secs(2);
            let d = median(|| drop(black_box(diagnose(black_box(&text)))), budget);
            let mb = text.len() as f64 / (1 << 20) as f64;
            let per_mb = Duration::from_secs_f64(d.as_secs_f64() / mb);
            if json {
                let s = median(
                    || drop(black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())),
                    budget,
                );
                println!(
                    "{kind:<8} {label:<7} {} {} {} {:>6.2}x",
                    fmt(d),
                    fmt(per_mb),
                    fmt(s),
                    d.as_secs_f64() / s.as_secs_f64()
                );
            } else {
                println!("{kind:<8} {label:<7} {} {} {:>13} {:>7}", fmt(d), fmt(per_mb), "-", "-");
            }
        }
    }
}
