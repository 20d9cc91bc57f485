//! Feeds arbitrary bytes to `diagnose` (as lossy UTF-8) and checks every span is a valid range
//! of the input; only a panic or a bad span fails. Needs nightly features: on stable,
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run diagnose` (see fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = ams_errors_core::diagnose::diagnose(&text);
    for f in &report.findings {
        for s in &f.spans {
            assert!(text.get(s.clone()).is_some());
        }
    }
    for r in ams_errors_core::diagnose::secrets::secret_ranges(&text) {
        assert!(text.get(r).is_some());
    }
});
