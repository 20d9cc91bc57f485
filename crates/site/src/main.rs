//! `ams-errors-site <OUT_DIR>`: writes the page per code, their index and stylesheet,
//! `catalog.json` and `catalog.schema.json` into OUT_DIR (Trunk's post_build hook passes its
//! staging directory). Says what it wrote on stderr; on failure, why, and exits non-zero.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: ams-errors-site <OUT_DIR>\n\
    Writes codes/<NAME>.html for every catalog name, codes/index.html, codes/codes.css,\n\
    catalog.json and catalog.schema.json into OUT_DIR.";

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let out = match args.as_slice() {
        [a] if a == "-h" || a == "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        [out] => PathBuf::from(out),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match ams_errors_site::generate(&out) {
        Ok(written) => {
            let pages = written.files.iter().filter(|f| f.extension().is_some_and(|e| e == "html")).count();
            eprintln!(
                "ams-errors-site: wrote {pages} pages, the stylesheet, catalog.json and its schema into {}",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ams-errors-site: {e}");
            ExitCode::FAILURE
        }
    }
}
