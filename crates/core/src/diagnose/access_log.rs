//! Reads W3C extended access logs (IIS, ARR, Azure CDN raw logs): a `#Fields:` line names the
//! columns, and the `sc-status` column of every line after it is the response status, however
//! many other numbers (ports, sizes, times, sub-statuses) stand beside it. No DOM here.

use super::found::Finds;
use super::text::upto;
use super::{status_at, Input};
use crate::report::Source;

/// Read every `#Fields:` block of the text.
pub(crate) fn read(input: &Input<'_>) -> Finds {
    let text = input.text;
    let mut out = Finds::default();
    if !text.contains("#Fields:") {
        return out;
    }
    let mut column: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some(fields) = line.strip_prefix("#Fields:") {
            column = fields.split_whitespace().position(|f| f.eq_ignore_ascii_case("sc-status"));
            continue;
        }
        let Some(col) = column.filter(|_| !line.starts_with('#')) else { continue };
        // The column's span: walk the fields, keeping offsets.
        let mut offset = start;
        let mut rest = line;
        for i in 0..=col {
            let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            offset += lead;
            rest = rest.get(lead..).unwrap_or_default();
            let len = upto(rest, b" \t\r\n");
            if i == col {
                let span = offset..offset + len;
                if let Some(code) = status_at(text, span.clone()) {
                    out.status(code, span, Source::LogLine, None);
                }
            }
            offset += len;
            rest = rest.get(len..).unwrap_or_default();
        }
    }
    out
}
