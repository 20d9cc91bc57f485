//! Fuzzy search over the catalog: "did you mean" for misspelt, unprefixed or truncated names,
//! and ranked word search over names, titles, keywords and text. Pure; no DOM here.

use crate::catalog::{self, Entry};

/// Suggestions offered at most.
pub const MAX_SUGGESTIONS: usize = 6;

/// Words too common in this catalog to rank anything.
const STOP: &[&str] = &[
    "the", "and", "for", "are", "was", "with", "this", "that", "not", "but", "from", "you", "your", "all", "any",
    "can", "has", "have", "had", "its", "into", "out", "what", "why", "how", "when", "get", "got", "does", "did",
    "error", "errors", "code", "codes", "azure", "media", "services", "service", "mpe", "http", "failed", "fails",
    "failure", "hello", "names", "line", "some", "one", "there", "here", "about", "again", "just", "see", "saw",
];

fn upper_name(s: &str) -> String {
    s.trim().to_ascii_uppercase().replace(['-', ' ', '.'], "_")
}

fn strip_prefix(name: &str) -> &str {
    for p in ["MPE_", "MPI_", "ERROR_"] {
        if let Some(rest) = name.strip_prefix(p) {
            return rest;
        }
    }
    name
}

/// Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(limit + 1)
}

/// The nearest entries to a name that matched nothing exactly: misspelt
/// (`MPE_ENC_ENCRYPTON_REQUIRED`), without its prefix (`ENC_ENCRYPTION_REQUIRED`), truncated
/// (`MPE_STORAGE_AUTH`), or a fragment (`FILTER_INVALID`). Best first.
///
/// ```
/// let s = ams_errors_core::search::did_you_mean("MPE_ENC_ENCRYPTON_REQUIRED");
/// assert_eq!(s[0].name, "MPE_ENC_ENCRYPTION_REQUIRED");
/// ```
pub fn did_you_mean(name: &str) -> Vec<&'static Entry> {
    let q = upper_name(name);
    let q_bare = strip_prefix(&q);
    if q_bare.len() < 3 {
        return Vec::new();
    }
    let limit = (q.len() / 5).clamp(1, 4);
    let mut scored: Vec<(usize, &'static Entry)> = Vec::new();
    for e in catalog::all() {
        if e.kind == catalog::Kind::Http {
            continue;
        }
        let n = e.name.to_ascii_uppercase();
        let bare = strip_prefix(&n);
        let score = if bare == q_bare {
            1
        } else if n.starts_with(&q) || (q_bare.len() >= 4 && bare.starts_with(q_bare)) {
            2 + (bare.len() - q_bare.len().min(bare.len())) / 8
        } else {
            let d = distance(&q, &n, limit).min(distance(q_bare, bare, limit));
            if d <= limit {
                3 + d * 2
            } else if q_bare.len() >= 5 && bare.contains(q_bare) {
                8
            } else {
                continue;
            }
        };
        scored.push((score, e));
    }
    sort_small(&mut scored, |(s, e)| (*s, e.name.len()));
    let mut out: Vec<&'static Entry> = Vec::new();
    for (_, e) in scored {
        if !out.iter().any(|o| std::ptr::eq(*o, e)) {
            out.push(e);
        }
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    out
}

/// The one catalog name a name-like token of running text is taken for: the name with its
/// `MPE_` / `MPI_` prefix missing, or misspelt by at most two letters. `None` when no name, or
/// more than one, is that close, and for short tokens (under 8 letters without the prefix).
///
/// ```
/// assert_eq!(ams_errors_core::search::near_name("ENC_ENCRYPTION_REQUIRED").unwrap().name, "MPE_ENC_ENCRYPTION_REQUIRED");
/// assert_eq!(ams_errors_core::search::near_name("MPE_FRAGMENT_NOT_REDY").unwrap().name, "MPE_FRAGMENT_NOT_READY");
/// assert!(ams_errors_core::search::near_name("ERROR_INVALID_PARAMETER").is_none());
/// ```
pub fn near_name(token: &str) -> Option<&'static Entry> {
    let q = upper_name(token);
    let q_bare = strip_prefix(&q);
    if q_bare.len() < 8 {
        return None;
    }
    let mut found: Option<&'static Entry> = None;
    // The service's codes only: a player name in running text is read by the player readers.
    let service = |e: &&Entry| matches!(e.kind, catalog::Kind::Origin | catalog::Kind::Live) && !e.event;
    for e in catalog::all().iter().filter(service) {
        let n = e.name.to_ascii_uppercase();
        let bare = strip_prefix(&n);
        if bare.len() < 8 || (distance(&q, &n, 2) > 2 && distance(q_bare, bare, 2) > 2) {
            continue;
        }
        match found {
            Some(f) if f.name != e.name => return None,
            _ => found = found.or(Some(e)),
        }
    }
    found
}

/// Sorts by key, stably: a heap sort on (key, original index). The standard library's sorts
/// would add ~10 KB to the wasm for lists this small (catalog entries, findings of one paste);
/// the sort itself is one non-generic function (`sorted_order`), shared by every caller.
pub fn sort_small<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut pos = sorted_order(keys.len(), &|a, b| keys.get(a) > keys.get(b) || (keys.get(a) == keys.get(b) && a > b));
    // Apply the permutation: position i takes the element that was at pos[i].
    for i in 0..pos.len() {
        let mut j = pos[i];
        while j < i {
            j = pos[j];
        }
        v.swap(i, j);
        pos[i] = j;
    }
}

/// The indices `0..n` in ascending order of `after` (`after(a, b)`: `a` sorts after `b`), by a
/// heap sort.
fn sorted_order(n: usize, after: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let sift = |o: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && after(o[child + 1], o[child]) {
            child += 1;
        }
        if !after(o[child], o[root]) {
            break;
        }
        o.swap(root, child);
        root = child;
    };
    for root in (0..n / 2).rev() {
        sift(&mut order, root, n);
    }
    for end in (1..n).rev() {
        order.swap(0, end);
        sift(&mut order, 0, end);
    }
    order
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    // ASCII only: the catalog is English, and Unicode case tables would cost the wasm ~10 KB.
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
}

fn field_score(field: &str, word: &str, weight: u32) -> u32 {
    let mut best = 0;
    for w in field.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.eq_ignore_ascii_case(word) {
            return weight * 10;
        }
        if word.len() >= 4 && w.len() > word.len() && w.get(..word.len()).is_some_and(|p| p.eq_ignore_ascii_case(word))
        {
            best = weight * 7;
        }
    }
    best
}

fn entry_score(e: &Entry, word: &str) -> u32 {
    let name = e.name.replace('_', " ");
    let mut s = field_score(&name, word, 6).max(field_score(e.title(), word, 5));
    for k in e.keywords() {
        s = s.max(field_score(k, word, 5));
    }
    let mut text = field_score(e.summary(), word, 2).max(field_score(e.explanation(), word, 1));
    for c in e.causes().iter().chain(e.fixes().iter()) {
        text = text.max(field_score(c, word, 1));
    }
    s + text
}

/// Entries whose text matches the words of `text`, best first: a name or keyword match counts
/// more than a mention in the explanation, and entries matching more of the words come first.
///
/// ```
/// let hits = ams_errors_core::search::words("encryption");
/// assert!(hits.iter().any(|e| e.name == "MPE_ENC_ENCRYPTION_REQUIRED"));
/// ```
pub fn words(text: &str) -> Vec<&'static Entry> {
    let mut hits = search(text);
    hits.truncate(MAX_SUGGESTIONS + 2);
    hits
}

/// The words a word search for `text` looks for: lower case, stop words and short words left out.
pub fn search_words(text: &str) -> Vec<String> {
    words_of(text).take(12).collect()
}

/// `text` in pieces, in order, each marked when it is a word a search for `words` matches (the
/// whole word, or one that starts with a search word of four letters or more).
///
/// ```
/// let pieces = ams_errors_core::search::marked("Encrypted stream", &["encrypt".into()]);
/// assert_eq!(pieces, [("Encrypted", true), (" stream", false)]);
/// ```
pub fn marked<'a>(text: &'a str, words: &[String]) -> Vec<(&'a str, bool)> {
    let mut out: Vec<(&'a str, bool)> = Vec::new();
    let mut plain = 0;
    for w in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        // Where `w` starts in `text` (separators can be several bytes: `—`, `é`).
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        if !w.is_empty() && words.iter().any(|q| field_score(w, q, 1) > 0) {
            if plain < start {
                out.push((text.get(plain..start).unwrap_or_default(), false));
            }
            out.push((w, true));
            plain = start + w.len();
        }
    }
    if plain < text.len() {
        out.push((text.get(plain..).unwrap_or_default(), false));
    }
    out
}

/// Every entry that mentions the words of `text`, best first (see `words`).
pub fn search(text: &str) -> Vec<&'static Entry> {
    let words = search_words(text);
    if words.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u32, u32, &'static Entry)> = catalog::all()
        .iter()
        .filter_map(|e| {
            let per: Vec<u32> = words.iter().map(|w| entry_score(e, w)).collect();
            let matched = per.iter().filter(|s| **s > 0).count() as u32;
            let total: u32 = per.iter().sum();
            (matched > 0).then_some((matched, total, e))
        })
        .collect();
    sort_small(&mut scored, |(m, t, e)| (u32::MAX - m, u32::MAX - t, e.name));
    scored.into_iter().map(|(_, _, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_stops_at_limit() {
        assert_eq!(distance("kitten", "sitting", 5), 3);
        assert_eq!(distance("abc", "abc", 1), 0);
        assert_eq!(distance("abc", "xyz123", 2), 3);
    }

    #[test]
    fn sort_small_is_a_stable_sort() {
        let mut seed = 7u32;
        for n in 0..60 {
            let mut v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 24) as u8 % 5, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            sort_small(&mut v, |x| x.0);
            assert_eq!(v, want, "n = {n}");
        }
    }

    #[test]
    fn marked_pieces_rebuild_the_text_and_mark_whole_words_or_long_prefixes() {
        let text = "Encryption — the token’s “tok” tokens, encrypted";
        let words = vec!["token".to_string(), "encrypt".to_string(), "tok".to_string()];
        let pieces = marked(text, &words);
        assert_eq!(pieces.iter().map(|p| p.0).collect::<String>(), text);
        let hits: Vec<&str> = pieces.iter().filter(|p| p.1).map(|p| p.0).collect();
        assert_eq!(hits, ["Encryption", "token", "tok", "tokens", "encrypted"]);
    }

    #[test]
    fn a_word_search_ranks_every_match() {
        let all = search("encryption");
        assert!(all.len() > MAX_SUGGESTIONS + 2, "{}", all.len());
        assert_eq!(words("encryption"), all[..MAX_SUGGESTIONS + 2]);
    }

    #[test]
    fn stop_words_alone_find_nothing() {
        assert!(words("the error code").is_empty());
    }
}
