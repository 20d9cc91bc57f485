//! Redaction: hands back a text with every secret value masked, in the same format, so a capture
//! can be shared. It owns the list of what is secret (see `Kind` and the README's CLI section):
//! `Authorization`-type header values (the scheme word, `Bearer`, `SharedKey`…, is kept), cookie
//! values (names and `Set-Cookie` attributes kept), bearer tokens and JWTs anywhere, signature,
//! token, key, password and credential parameters and fields (`sig=`, `X-Amz-Signature=`,
//! `access_token`, `AccountKey=`, `client_secret`…, plain, JSON-escaped or percent-encoded),
//! 88-character storage account keys, `x-ms-*` headers that carry keys or tokens, HAR
//! `cookies` arrays, key-delivery responses and, when asked, IP addresses. Error codes, statuses,
//! hosts, paths, SAS expiry and permissions, request ids and timings stay, so the copy diagnoses
//! the same.
//!
//! A value becomes `MASK` (`REDACTED`: ASCII letters only, so it is valid inside a JSON string,
//! an XML text or attribute, a URL, a header, a cookie and even base64); an IP address becomes
//! `IP_MASK`. Only the bytes of the value are replaced: quotes, escapes and delimiters around it
//! stay, so a HAR stays JSON and an XML body stays well-formed.
//!
//! It streams: `Redactor` takes chunks (any split, even inside a character or an escape) and
//! gives back output chunks, holding back at most `MAX_CARRY` bytes where a decision needs
//! bytes that have not arrived; any split of an input gives the same output as the whole, and
//! memory is bounded by that carry, not by the input. `redact` is one chunk. A JSON document
//! (the text starts with `{` or `[`) is followed structurally (strings, keys, HAR name/value
//! pairs, bounded depth), and falls back to the text rules where it stops being JSON. Pure; no
//! DOM here.

use std::fmt;

/// What a masked value is replaced with.
pub const MASK: &str = "REDACTED";

/// What an IP address is replaced with (`Options::ip`): still an IPv4 address.
pub const IP_MASK: &str = "0.0.0.0";

/// The most bytes a `Redactor` holds back between two chunks.
pub const MAX_CARRY: usize = 1024;

/// Longest word read as a name or a JWT's first part.
const MAX_WORD: usize = 512;

/// Frames of JSON nesting followed; deeper levels are only counted.
const MAX_DEPTH: usize = 64;

/// What to mask besides the secrets that are always masked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Mask IPv4 addresses too (off by default: they rarely are secret and often help). A HAR's
    /// `serverIPAddress` (the server, not the client) is kept.
    pub ip: bool,
}

/// What kind of secret was masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `Authorization` and `Proxy-Authorization` values (the scheme word kept).
    Authorization,
    /// Cookie values (`Cookie`, `Set-Cookie`, HAR `cookies` arrays); names kept.
    Cookie,
    /// `Bearer <token>` anywhere.
    Bearer,
    /// A JWT (`eyJ….….…`) anywhere.
    Jwt,
    /// URL and header signatures: `sig`, `signature`, `X-Amz-Signature`, `X-Goog-Signature`.
    Signature,
    /// Tokens and codes: `token`, `access_token`, `id_token`, `*token`, OAuth `code` in a query.
    Token,
    /// Keys and credentials: `key`, `AccountKey`, `SharedAccessKey`, `*key`, `*credential`,
    /// and bare 88-character storage account keys.
    Key,
    /// Passwords and secrets: `password`, `client_secret`, `*secret`, `passphrase`.
    Secret,
    /// `x-ms-*` headers that carry a key, token, signature, secret or authorization.
    MsHeader,
    /// The body of a successful key-delivery response (a content key or licence).
    KeyDelivery,
    /// An IPv4 address (only with `Options::ip`).
    Ip,
}

impl Kind {
    /// Every kind, in the order a summary lists them.
    pub const ALL: [Kind; 11] = [
        Kind::Authorization,
        Kind::Cookie,
        Kind::Bearer,
        Kind::Jwt,
        Kind::Signature,
        Kind::Token,
        Kind::Key,
        Kind::Secret,
        Kind::MsHeader,
        Kind::KeyDelivery,
        Kind::Ip,
    ];

    /// A stable machine name (`authorization`, `cookie`, …).
    pub fn id(self) -> &'static str {
        match self {
            Kind::Authorization => "authorization",
            Kind::Cookie => "cookie",
            Kind::Bearer => "bearer",
            Kind::Jwt => "jwt",
            Kind::Signature => "signature",
            Kind::Token => "token",
            Kind::Key => "key",
            Kind::Secret => "secret",
            Kind::MsHeader => "x-ms-header",
            Kind::KeyDelivery => "key-delivery",
            Kind::Ip => "ip",
        }
    }

    /// What it is, for people (plural).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Authorization => "Authorization header values",
            Kind::Cookie => "cookie values",
            Kind::Bearer => "bearer tokens",
            Kind::Jwt => "JWTs",
            Kind::Signature => "signatures (sig=, signature=, X-Amz-Signature=)",
            Kind::Token => "tokens (token=, access_token, OAuth code=)",
            Kind::Key => "keys and credentials (AccountKey=, key=, subscription keys)",
            Kind::Secret => "passwords and client secrets",
            Kind::MsHeader => "x-ms-* key and token headers",
            Kind::KeyDelivery => "key-delivery response bodies",
            Kind::Ip => "IP addresses",
        }
    }

    fn index(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or_default()
    }
}

/// How many values of each kind were masked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    counts: [usize; 11],
}

impl Summary {
    /// Values of `kind` masked.
    pub fn count(&self, kind: Kind) -> usize {
        self.counts.get(kind.index()).copied().unwrap_or_default()
    }

    /// Values masked in all.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The kinds masked at least once, with their counts, in `Kind::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (Kind, usize)> + '_ {
        Kind::ALL.iter().map(|k| (*k, self.count(*k))).filter(|(_, n)| *n > 0)
    }

    fn add(&mut self, kind: Kind) {
        if let Some(n) = self.counts.get_mut(kind.index()) {
            *n += 1;
        }
    }
}

impl fmt::Display for Summary {
    /// `masked 3: 1 Authorization header values, 2 cookie values`, or `nothing masked`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.total() == 0 {
            return f.write_str("nothing masked");
        }
        write!(f, "masked {}:", self.total())?;
        for (n, (kind, count)) in self.iter().enumerate() {
            write!(f, "{} {count} {}", if n == 0 { "" } else { "," }, kind.label())?;
        }
        Ok(())
    }
}

/// A redacted text and what was masked in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Redacted {
    /// The text with every secret masked.
    pub text: String,
    /// How many of each kind.
    pub summary: Summary,
}

/// The name of a file's redacted copy: `capture.har` gives `capture.redacted.har`, a name
/// without an extension (`trace`, `.env`) gets `.redacted` at its end.
pub fn copy_name(name: &str) -> String {
    match name.rfind('.').filter(|&i| i > 0) {
        Some(i) => format!("{}.redacted{}", name.get(..i).unwrap_or(name), name.get(i..).unwrap_or_default()),
        None => format!("{name}.redacted"),
    }
}

/// `text` with its secrets masked (default options: IP addresses kept).
///
/// ```
/// let r = ams_errors_core::redact::redact("GET /a.ism/manifest?sv=2024&se=2030&sig=abc%2Fdef HTTP/1.1");
/// assert_eq!(r.text, "GET /a.ism/manifest?sv=2024&se=2030&sig=REDACTED HTTP/1.1");
/// assert_eq!(r.summary.count(ams_errors_core::redact::Kind::Signature), 1);
/// ```
pub fn redact(text: &str) -> Redacted {
    redact_with(text, Options::default())
}

/// `text` with its secrets masked, as `options` say.
pub fn redact_with(text: &str, options: Options) -> Redacted {
    let mut r = Redactor::new(options);
    let mut out = String::with_capacity(text.len());
    r.feed_str(text, &mut out);
    let summary = r.finish_str(&mut out);
    Redacted { text: out, summary }
}

/// Redacts a stream: `feed` chunks in order, then `finish`. The output is the same for any split.
///
/// ```
/// use ams_errors_core::redact::{Options, Redactor};
/// let mut r = Redactor::new(Options::default());
/// let mut out = Vec::new();
/// r.feed(b"Authorization: Bearer eyJhbGciOiJI", &mut out);
/// r.feed(b"UzI1NiJ9.eyJzdWIiOiIxIn0.c2ln\r\nHost: x\r\n", &mut out);
/// let summary = r.finish(&mut out);
/// assert_eq!(out, b"Authorization: Bearer REDACTED\r\nHost: x\r\n");
/// assert_eq!(summary.total(), 1);
/// ```
#[derive(Debug)]
pub struct Redactor {
    options: Options,
    /// Bytes held back from the last chunk (at most `MAX_CARRY`), then the new chunk.
    buf: Vec<u8>,
    st: State,
    summary: Summary,
}

impl Redactor {
    /// A redactor at the start of a stream.
    pub fn new(options: Options) -> Self {
        Redactor { options, buf: Vec::new(), st: State::default(), summary: Summary::default() }
    }

    /// Take the next chunk of bytes; append what can be decided to `out`. Bytes that are not
    /// UTF-8 pass through unchanged.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        self.buf.extend_from_slice(chunk);
        self.run(false, out);
    }

    /// The end of the stream: append the rest to `out` and return what was masked.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Summary {
        self.run(true, out);
        self.summary.clone()
    }

    /// `feed` for text: the output appended is text too (cuts fall on ASCII bytes).
    pub fn feed_str(&mut self, chunk: &str, out: &mut String) {
        let mut bytes = Vec::with_capacity(chunk.len());
        self.feed(chunk.as_bytes(), &mut bytes);
        push_text(out, bytes);
    }

    /// `finish` for text.
    pub fn finish_str(&mut self, out: &mut String) -> Summary {
        let mut bytes = Vec::new();
        let s = self.finish(&mut bytes);
        push_text(out, bytes);
        s
    }

    /// What was masked so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Bytes held back, waiting for the next chunk (never more than `MAX_CARRY`).
    pub fn carry(&self) -> usize {
        self.buf.len()
    }

    fn run(&mut self, eof: bool, out: &mut Vec<u8>) {
        let buf = std::mem::take(&mut self.buf);
        let look = Look { b: &buf, eof };
        let mut w = Writer { out, run: 0 };
        let mut i = 0;
        while i < buf.len() {
            match self.step(&look, i, &mut w) {
                Ok(n) => i = n,
                Err(Need) => break,
            }
        }
        let i = i.min(buf.len());
        w.flush(&buf, i);
        let mut rest = buf;
        rest.drain(..i);
        self.buf = rest;
    }

    /// Handle the bytes at `i`; the index to go on from (equal to `i` when only the state changed).
    fn step(&mut self, look: &Look<'_>, i: usize, w: &mut Writer<'_>) -> R<usize> {
        let Some(c) = look.at(i)? else { return Ok(i + 1) };
        if !self.st.started {
            if matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF) {
                return Ok(i + 1);
            }
            self.st.started = true;
            if c == b'{' || c == b'[' {
                self.st.json = Some(Box::default());
            }
        }
        if let Mode::Value(v) = self.st.mode {
            return self.value_step(look, i, w, v);
        }
        if let Some(j) = self.st.json.as_mut() {
            if !j.in_string {
                return self.json_step(look, i, w);
            }
            if c == b'"' {
                j.string_end();
                self.st.set_prev(c, Some(Q::Dq));
                return Ok(i + 1);
            }
            if c < 0x20 {
                // Not JSON after all (a raw control character in a string): read on as text.
                self.st.json = None;
            } else if j.in_key {
                let u = look.unit(i)?.unwrap_or(Unit::raw(c));
                j.capture(look.b.get(i..i + u.len).unwrap_or_default());
                self.st.set_unit(u);
                return Ok(i + u.len);
            }
        }
        self.text_step(look, i, w)
    }

    /// Outside a masked value, in text or inside a JSON string value.
    fn text_step(&mut self, look: &Look<'_>, i: usize, w: &mut Writer<'_>) -> R<usize> {
        let b = look.b;
        let in_string = self.st.json.as_ref().is_some_and(|j| j.in_string);
        // Bytes that cannot start anything: copy them in one go.
        let mut k = i;
        let mut prev = self.st.prev;
        while let Some(&c) = b.get(k) {
            let special = c == b'\\'
                || c == b'%'
                || (in_string && (c == b'"' || c < 0x20))
                || (is_name(c) && !is_name(prev))
                || (is_b64(c) && !is_b64(prev));
            if special {
                break;
            }
            prev = c;
            k += 1;
        }
        if k > i {
            let before = if k - i >= 2 { b.get(k - 2).copied().unwrap_or_default() } else { self.st.prev };
            self.st.set_prev(prev, quote_byte(prev));
            self.st.prev2 = before;
            if let Some(j) = self.st.json.as_mut() {
                j.capture(b.get(i..k).unwrap_or_default());
            }
            return Ok(k);
        }
        let c = b.get(i).copied().unwrap_or_default();
        if c == b'\\' || c == b'%' {
            let u = look.unit(i)?.unwrap_or(Unit::raw(c));
            if let Some(j) = self.st.json.as_mut() {
                j.capture(b.get(i..i + u.len).unwrap_or_default());
            }
            self.st.set_unit(u);
            return Ok(i + u.len);
        }
        match self.word_action(look, i, in_string)? {
            Action::Skip(n) => {
                let n = n.max(1);
                let bytes = b.get(i..i + n).unwrap_or_default();
                if let Some(j) = self.st.json.as_mut() {
                    j.capture(bytes);
                }
                let last = bytes.last().copied().unwrap_or_default();
                let before = if n >= 2 { bytes.get(n - 2).copied().unwrap_or_default() } else { self.st.prev };
                self.st.set_prev(last, quote_byte(last));
                self.st.prev2 = before;
                Ok(i + n)
            }
            Action::Enter { copy, val } => {
                self.st.set_prev(b'=', None);
                self.st.mode = Mode::Value(val);
                Ok(i + copy)
            }
            Action::Replace { len, with, kind } => {
                let same = b.get(i..i + len) == Some(with.as_bytes());
                w.emit(b, i, with.as_bytes());
                w.skip_to(i + len);
                if !same {
                    self.summary.add(kind);
                }
                self.st.set_prev(b'0', None);
                Ok(i + len)
            }
        }
    }

    /// What the word (or key, or address) starting at `i` is.
    fn word_action(&self, look: &Look<'_>, i: usize, in_string: bool) -> R<Action> {
        let b = look.b;
        let c = b.get(i).copied().unwrap_or_default();
        let prev = self.st.prev;
        let no_ip = self.st.json.as_ref().is_some_and(|j| j.no_ip);
        if self.options.ip
            && !no_ip
            && c.is_ascii_digit()
            && !prev.is_ascii_alphanumeric()
            && prev != b'.'
            && !(prev == b'/' && is_name(self.st.prev2))
        {
            if let Some(len) = ipv4(look, i)? {
                return Ok(Action::Replace { len, with: IP_MASK, kind: Kind::Ip });
            }
        }
        if is_b64(c) && !is_b64(prev) && prev != b'=' {
            if let Some(len) = account_key(look, i)? {
                return Ok(Action::Replace { len, with: MASK, kind: Kind::Key });
            }
        }
        if !is_name(c) || is_name(prev) {
            return Ok(Action::Skip(1));
        }
        let mut j = i;
        while look.at(j)?.is_some_and(is_name) {
            j += 1;
            if j - i >= MAX_WORD {
                return Ok(Action::Skip(j - i));
            }
        }
        let word = b.get(i..j).unwrap_or_default();
        let json = in_string;
        // A JWT: `eyJ` + base64url, a dot, more base64url.
        if word.len() >= 10
            && word.starts_with(b"eyJ")
            && look.at(j)? == Some(b'.')
            && look.at(j + 1)?.is_some_and(is_b64url)
        {
            let end = End { json, chars: Chars::Jwt, ..End::default() };
            return Ok(Action::Enter { copy: 0, val: Val::new(Kind::Jwt, end, Style::Whole) });
        }
        if word.eq_ignore_ascii_case(b"bearer") {
            let mut k = j;
            let mut pct = 0;
            while let Some(u) = look.unit(k)?.filter(|u| u.c == b' ' && !u.esc) {
                pct = pct.max(u.pct);
                k += u.len;
            }
            // A token, not a word of prose ("Bearer token expired"): 12 token characters at least.
            let mut t = k;
            while t - k < 12 && look.at(t)?.is_some_and(is_token_char) {
                t += 1;
            }
            if k > j && t - k == 12 {
                let end = End { json, delim: true, pct, chars: Chars::Token, ..End::default() };
                return Ok(Action::Enter { copy: k - i, val: Val::new(Kind::Bearer, end, Style::Whole) });
            }
            return Ok(Action::Skip(j - i));
        }
        // Most words are not followed by a separator: no need to weigh their names.
        let mut k = j;
        while matches!(look.at(k)?, Some(b' ' | b'\t')) && k - j < 16 {
            k += 1;
        }
        if !matches!(look.at(k)?, Some(b':' | b'=' | b'"' | b'\'' | b'\\' | b'%' | b'>' | b',')) {
            return Ok(Action::Skip(j - i));
        }
        let in_query = matches!(prev, b'?' | b'&' | b'#');
        let Some(named) = classify(word, in_query) else { return Ok(Action::Skip(j - i)) };
        match separator(look, j, named, self.st.quote, prev == b'<', json)? {
            Some((to, end)) => Ok(Action::Enter { copy: to - i, val: Val::for_named(named, end) }),
            None => Ok(Action::Skip(j - i)),
        }
    }

    /// Inside a masked value.
    fn value_step(&mut self, look: &Look<'_>, i: usize, w: &mut Writer<'_>, mut v: Val) -> R<usize> {
        let b = look.b;
        let mut k = i;
        loop {
            let u = match look.unit(k) {
                Ok(Some(u)) => u,
                Ok(None) => {
                    self.st.mode = Mode::Scan;
                    return Ok(k);
                }
                Err(Need) if k > i => break,
                Err(Need) => return Err(Need),
            };
            if v.end.ends(u) {
                self.st.mode = Mode::Scan;
                return Ok(k);
            }
            match &mut v.style {
                Style::Whole => {
                    if !v.started {
                        let same = match look.starts_with(k, MASK.as_bytes()) {
                            Ok(s) => s,
                            Err(Need) if k > i => break,
                            Err(Need) => return Err(Need),
                        };
                        w.emit(b, k, MASK.as_bytes());
                        if !same {
                            self.summary.add(v.kind);
                        }
                        v.started = true;
                        self.st.set_prev(b'D', None);
                    }
                    w.skip_to(k + u.len);
                    k += u.len;
                }
                Style::Auth => {
                    if k > i {
                        break;
                    }
                    let scheme = auth_scheme(look, k, &v.end)?;
                    v.style = Style::Whole;
                    self.st.mode = Mode::Value(v);
                    return Ok(k + scheme);
                }
                Style::Cookies(cs) => {
                    let newline = cs.set && u.esc && u.c == b'\n';
                    if !cs.in_value {
                        if u.c == b'=' && u.pct == 0 && !u.esc {
                            cs.in_value = true;
                            cs.masked = false;
                            cs.keep = cs.set && !cs.first && is_cookie_attribute(&cs.name[..usize::from(cs.len)]);
                        } else if u.c == b';' || newline {
                            cs.len = 0;
                            cs.first = newline;
                        } else if u.c != b' ' {
                            if let Some(x) = cs.name.get_mut(usize::from(cs.len)) {
                                *x = u.c.to_ascii_lowercase();
                                cs.len += 1;
                            }
                        }
                        k += u.len;
                    } else if u.c == b';' || newline {
                        cs.in_value = false;
                        cs.len = 0;
                        cs.first = newline;
                        k += u.len;
                    } else if cs.keep {
                        k += u.len;
                    } else {
                        if !cs.masked {
                            let same = match look.starts_with(k, MASK.as_bytes()) {
                                Ok(s) => s,
                                Err(Need) if k > i => break,
                                Err(Need) => return Err(Need),
                            };
                            w.emit(b, k, MASK.as_bytes());
                            if !same {
                                self.summary.add(v.kind);
                            }
                            cs.masked = true;
                        }
                        w.skip_to(k + u.len);
                        k += u.len;
                    }
                }
            }
            if k - i >= 4096 {
                break;
            }
        }
        self.st.mode = Mode::Value(v);
        Ok(k)
    }

    /// Outside strings in a JSON document.
    fn json_step(&mut self, look: &Look<'_>, i: usize, _w: &mut Writer<'_>) -> R<usize> {
        let c = look.at(i)?.unwrap_or_default();
        let Some(j) = self.st.json.as_mut() else { return Ok(i) };
        let mut next = i + 1;
        if !c.is_ascii_digit() {
            j.in_number = false;
        }
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => {}
            b'{' | b'[' => j.open(c == b'{'),
            b'}' | b']' => j.close(),
            b',' => j.want_key = j.top().is_some_and(|f| f.obj),
            b':' => j.want_key = false,
            b'"' => {
                j.in_string = true;
                if j.want_key && j.top().is_some_and(|f| f.obj) {
                    j.in_key = true;
                    j.key_len = 0;
                } else if let Some(val) = j.value_start() {
                    self.st.mode = Mode::Value(val);
                }
            }
            b'0'..=b'9' => {
                if j.status_here() {
                    if !j.in_number {
                        j.status = 0;
                    }
                    j.status = j.status.saturating_mul(10).saturating_add(u16::from(c - b'0'));
                    j.in_number = true;
                }
            }
            b'-' | b'+' | b'.' => {}
            b'e' | b'E' if self.st.prev.is_ascii_digit() || self.st.prev == b'.' => {}
            b'a'..=b'z' => {
                let mut k = i;
                while look.at(k)?.is_some_and(|x| x.is_ascii_alphanumeric()) && k - i < 8 {
                    k += 1;
                }
                let word = look.b.get(i..k).unwrap_or_default();
                if matches!(word, b"true" | b"false" | b"null") {
                    next = k;
                } else {
                    self.st.json = None;
                    return Ok(i);
                }
            }
            _ => {
                self.st.json = None;
                return Ok(i);
            }
        }
        self.st.set_prev(c, quote_byte(c));
        Ok(next)
    }
}

fn push_text(out: &mut String, bytes: Vec<u8>) {
    match String::from_utf8(bytes) {
        Ok(s) => out.push_str(&s),
        Err(e) => out.push_str(&String::from_utf8_lossy(e.as_bytes())),
    }
}

/// Copies the input to the output, except where a value is replaced.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// Start of the input bytes not yet written.
    run: usize,
}

impl Writer<'_> {
    /// Write the input up to `at`, then `with`; the input from `at` on is still to be written.
    fn emit(&mut self, buf: &[u8], at: usize, with: &[u8]) {
        self.flush(buf, at);
        self.out.extend_from_slice(with);
    }

    /// Drop the input up to `to` (what `emit` replaced).
    fn skip_to(&mut self, to: usize) {
        self.run = self.run.max(to);
    }

    fn flush(&mut self, buf: &[u8], at: usize) {
        if at > self.run {
            self.out.extend_from_slice(buf.get(self.run..at).unwrap_or_default());
            self.run = at;
        }
    }
}

/// More bytes are needed to decide.
#[derive(Debug)]
struct Need;

type R<T> = Result<T, Need>;

/// The buffer, and whether the input ends where it ends.
struct Look<'a> {
    b: &'a [u8],
    eof: bool,
}

impl Look<'_> {
    fn at(&self, i: usize) -> R<Option<u8>> {
        match self.b.get(i) {
            Some(c) => Ok(Some(*c)),
            None if self.eof => Ok(None),
            None => Err(Need),
        }
    }

    fn starts_with(&self, i: usize, s: &[u8]) -> R<bool> {
        for (n, c) in s.iter().enumerate() {
            if self.at(i + n)? != Some(*c) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn hex(&self, i: usize) -> R<Option<u8>> {
        let (Some(a), Some(b)) = (self.at(i)?, self.at(i + 1)?) else { return Ok(None) };
        Ok(hex_val(a).zip(hex_val(b)).map(|(a, b)| a * 16 + b))
    }

    /// The character at `i` with its escape: `\"`, `\/`, `\n`, `\u0026`, `%26`, `%2526`.
    fn unit(&self, i: usize) -> R<Option<Unit>> {
        let Some(c) = self.at(i)? else { return Ok(None) };
        match c {
            b'\\' => match self.at(i + 1)? {
                Some(b'u') => {
                    let (Some(hi), Some(lo)) = (self.hex(i + 2)?, self.hex(i + 4)?) else {
                        return Ok(Some(Unit { c: b'u', len: 2, esc: true, pct: 0 }));
                    };
                    let c = if hi == 0 && lo < 0x80 { lo } else { 0x80 };
                    Ok(Some(Unit { c, len: 6, esc: true, pct: 0 }))
                }
                Some(x) => {
                    let c = match x {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        _ => x,
                    };
                    Ok(Some(Unit { c, len: 2, esc: true, pct: 0 }))
                }
                None => Ok(Some(Unit::raw(c))),
            },
            b'%' => match self.hex(i + 1)? {
                Some(0x25) => match self.hex(i + 3)? {
                    Some(v) => Ok(Some(Unit { c: v, len: 5, esc: false, pct: 2 })),
                    None => Ok(Some(Unit { c: b'%', len: 3, esc: false, pct: 1 })),
                },
                Some(v) => Ok(Some(Unit { c: v, len: 3, esc: false, pct: 1 })),
                None => Ok(Some(Unit::raw(c))),
            },
            _ => Ok(Some(Unit::raw(c))),
        }
    }
}

/// One character as written: its (decoded) byte and how it was written.
#[derive(Clone, Copy, Debug)]
struct Unit {
    /// The byte it stands for (0x80 for any non-ASCII `\u` escape).
    c: u8,
    len: usize,
    /// A backslash escape.
    esc: bool,
    /// Percent-encoded once (1) or twice (2).
    pct: u8,
}

impl Unit {
    fn raw(c: u8) -> Unit {
        Unit { c, len: 1, esc: false, pct: 0 }
    }
}

/// A quote as written: `"`, `'` or `\"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Q {
    Dq,
    Sq,
    EscDq,
}

fn quote_byte(c: u8) -> Option<Q> {
    match c {
        b'"' => Some(Q::Dq),
        b'\'' => Some(Q::Sq),
        _ => None,
    }
}

fn quote_of(u: Unit) -> Option<Q> {
    match (u.c, u.esc, u.pct) {
        (b'"', false, 0) => Some(Q::Dq),
        (b'\'', false, 0) => Some(Q::Sq),
        (b'"', true, 0) => Some(Q::EscDq),
        _ => None,
    }
}

/// Which characters a value may hold, beyond its end rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Chars {
    #[default]
    Any,
    /// RFC 6750 token characters and `%`.
    Token,
    /// base64url and dots.
    Jwt,
}

/// Where a masked value ends (it never takes a newline).
#[derive(Clone, Copy, Debug, Default)]
struct End {
    /// Inside a JSON string: its closing quote (or a raw control character) ends it.
    json: bool,
    /// Its closing quote.
    quote: Option<Q>,
    /// A header value: the end of the line (raw or `\r`/`\n` escapes).
    line: bool,
    /// A parameter: the first delimiter (`&`, `;`, white space, quotes, brackets, escapes).
    delim: bool,
    /// Percent-encoding levels at which delimiters count (`sig%3D…%26` is 1).
    pct: u8,
    chars: Chars,
}

impl End {
    fn ends(&self, u: Unit) -> bool {
        let raw = !u.esc && u.pct == 0;
        if raw && u.c == b'\n' {
            return true;
        }
        if self.json && raw && (u.c == b'"' || u.c < 0x20) {
            return true;
        }
        if self.quote.is_some() && quote_of(u) == self.quote {
            return true;
        }
        if self.line && u.pct == 0 && matches!(u.c, b'\r' | b'\n') {
            return true;
        }
        if self.delim && is_delim(u.c) && (u.pct == 0 || u.pct <= self.pct) {
            return true;
        }
        match self.chars {
            Chars::Any => false,
            Chars::Token => u.pct == 0 && (u.esc && u.c != b'/' || !is_token_char(u.c)),
            Chars::Jwt => u.esc || u.pct > 0 || !is_b64url(u.c) && u.c != b'.',
        }
    }
}

/// The state of a Set-Cookie or Cookie value being masked.
#[derive(Clone, Copy, Debug)]
struct CookieState {
    /// `Set-Cookie`: attributes after the first pair are kept.
    set: bool,
    /// The first pair of a cookie.
    first: bool,
    in_value: bool,
    keep: bool,
    masked: bool,
    name: [u8; 16],
    len: u8,
}

#[derive(Clone, Copy, Debug)]
enum Style {
    /// The whole value.
    Whole,
    /// Keep the scheme word (`Bearer `), then the rest.
    Auth,
    /// Each cookie's value.
    Cookies(CookieState),
}

/// A value being masked.
#[derive(Clone, Copy, Debug)]
struct Val {
    kind: Kind,
    end: End,
    style: Style,
    started: bool,
}

impl Val {
    fn new(kind: Kind, end: End, style: Style) -> Val {
        Val { kind, end, style, started: false }
    }

    fn for_named(named: Named, end: End) -> Val {
        let cookies = |set| {
            Style::Cookies(CookieState {
                set,
                first: true,
                in_value: false,
                keep: false,
                masked: false,
                name: [0; 16],
                len: 0,
            })
        };
        match named.class {
            Class::Auth(kind) => Val::new(kind, end, Style::Auth),
            Class::Cookie => Val::new(Kind::Cookie, end, cookies(false)),
            Class::SetCookie => Val::new(Kind::Cookie, end, cookies(true)),
            Class::Plain(kind) => Val::new(kind, end, Style::Whole),
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
enum Mode {
    #[default]
    Scan,
    Value(Val),
}

#[derive(Debug)]
struct State {
    /// Past the leading white space (where a JSON document is recognised).
    started: bool,
    json: Option<Box<Json>>,
    mode: Mode,
    /// The last character read (decoded), the one before, and whether it was a quote.
    prev: u8,
    prev2: u8,
    quote: Option<Q>,
}

impl Default for State {
    fn default() -> Self {
        State { started: false, json: None, mode: Mode::Scan, prev: b'\n', prev2: b'\n', quote: None }
    }
}

impl State {
    fn set_prev(&mut self, c: u8, quote: Option<Q>) {
        self.prev2 = self.prev;
        self.prev = c;
        self.quote = quote;
    }

    fn set_unit(&mut self, u: Unit) {
        self.set_prev(u.c, quote_of(u));
    }
}

/// What a JSON container was opened under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tag {
    #[default]
    Other,
    Cookies,
    Query,
    Request,
    Response,
    Content,
}

/// What a HAR-style `{"name": …, "value": …}` object's value is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Pair {
    #[default]
    Unknown,
    /// In a `cookies` array: the value is a cookie's.
    Cookie,
    Secret(Named),
}

#[derive(Clone, Copy, Debug, Default)]
struct Frame {
    obj: bool,
    tag: Tag,
    /// The class of the key the container was opened under (for strings in an array).
    class: Option<Named>,
    pair: Pair,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Capture {
    #[default]
    None,
    Name,
    Url,
}

/// Where a JSON document is: bounded, whatever its depth.
#[derive(Debug)]
struct Json {
    stack: Vec<Frame>,
    /// Levels deeper than `MAX_DEPTH`.
    deep: usize,
    in_string: bool,
    in_key: bool,
    want_key: bool,
    key: [u8; 64],
    key_len: usize,
    capture: Capture,
    cap: [u8; 64],
    cap_len: usize,
    /// In a string whose IP addresses are kept (`serverIPAddress`).
    no_ip: bool,
    /// The current HAR entry's request goes to a key-delivery service.
    key_delivery: bool,
    status: u16,
    in_number: bool,
}

impl Default for Json {
    fn default() -> Self {
        Json {
            stack: Vec::new(),
            deep: 0,
            in_string: false,
            in_key: false,
            want_key: false,
            key: [0; 64],
            key_len: 0,
            capture: Capture::None,
            cap: [0; 64],
            cap_len: 0,
            no_ip: false,
            key_delivery: false,
            status: 0,
            in_number: false,
        }
    }
}

impl Json {
    fn top(&self) -> Option<&Frame> {
        if self.deep > 0 {
            return None;
        }
        self.stack.last()
    }

    fn parent(&self) -> Option<&Frame> {
        if self.deep > 0 {
            return None;
        }
        self.stack.len().checked_sub(2).and_then(|i| self.stack.get(i))
    }

    fn key(&self) -> &[u8] {
        self.key.get(..self.key_len).unwrap_or_default()
    }

    fn key_is(&self, s: &str) -> bool {
        self.key().eq_ignore_ascii_case(s.as_bytes())
    }

    fn open(&mut self, obj: bool) {
        let frame = match self.top().copied() {
            Some(top) if top.obj => {
                let key = self.key();
                let tag = match key {
                    b"cookies" => Tag::Cookies,
                    b"queryString" | b"params" => Tag::Query,
                    b"request" => Tag::Request,
                    b"response" => Tag::Response,
                    b"content" => Tag::Content,
                    _ => Tag::Other,
                };
                // `"contentKey": {"keyId": …, "value": …}`: the value is the key's.
                let class = classify(key, false);
                Frame { obj, tag, class, pair: class.map(Pair::Secret).unwrap_or_default() }
            }
            Some(top) => {
                // `"cookies": [{…}]`, or `"contentKeys": [{"id": …, "value": …}]`.
                let pair = match top.class {
                    _ if top.tag == Tag::Cookies => Pair::Cookie,
                    Some(n) => Pair::Secret(n),
                    None => Pair::Unknown,
                };
                Frame { obj, tag: Tag::Other, class: top.class, pair }
            }
            None => Frame { obj, ..Frame::default() },
        };
        if self.deep > 0 || self.stack.len() >= MAX_DEPTH {
            self.deep += 1;
        } else {
            self.stack.push(frame);
        }
        self.want_key = obj;
    }

    fn close(&mut self) {
        if self.deep > 0 {
            self.deep -= 1;
        } else {
            self.stack.pop();
        }
        self.want_key = false;
    }

    fn status_here(&self) -> bool {
        !self.want_key && self.key_is("status") && self.top().is_some_and(|f| f.tag == Tag::Response)
    }

    fn capture(&mut self, bytes: &[u8]) {
        if self.in_key {
            for &c in bytes {
                if let Some(x) = self.key.get_mut(self.key_len) {
                    *x = c;
                    self.key_len += 1;
                } else {
                    // Too long to be a key that matters.
                    self.key_len = self.key.len() + 1;
                }
            }
            self.key_len = self.key_len.min(self.key.len());
            return;
        }
        if self.capture == Capture::None {
            return;
        }
        for &c in bytes {
            if let Some(x) = self.cap.get_mut(self.cap_len) {
                *x = c;
                self.cap_len += 1;
            }
        }
    }

    /// A string value starts: what to mask in it, if the whole of it.
    fn value_start(&mut self) -> Option<Val> {
        self.capture = Capture::None;
        self.cap_len = 0;
        let end = End { json: true, ..End::default() };
        let top = self.top().copied()?;
        if !top.obj {
            return top.class.map(|n| Val::for_named(n, end));
        }
        if self.key_is("value") {
            return match top.pair {
                Pair::Cookie => Some(Val::new(Kind::Cookie, end, Style::Whole)),
                Pair::Secret(n) => Some(Val::for_named(n, end)),
                Pair::Unknown => None,
            };
        }
        if self.key_is("name") {
            self.capture = Capture::Name;
            return None;
        }
        if self.key_is("url") && top.tag == Tag::Request {
            self.capture = Capture::Url;
            return None;
        }
        if self.key_is("text")
            && top.tag == Tag::Content
            && self.parent().is_some_and(|p| p.tag == Tag::Response)
            && self.key_delivery
            && (200..300).contains(&self.status)
        {
            return Some(Val::new(Kind::KeyDelivery, end, Style::Whole));
        }
        if self.key_is("serverIPAddress") {
            self.no_ip = true;
            return None;
        }
        classify(self.key(), false).map(|n| Val::for_named(n, end))
    }

    fn string_end(&mut self) {
        self.in_string = false;
        if self.in_key {
            self.in_key = false;
            return;
        }
        self.no_ip = false;
        let cap = self.cap.get(..self.cap_len).unwrap_or_default();
        match self.capture {
            Capture::Name => {
                let query = self.parent().is_some_and(|p| p.tag == Tag::Query);
                let pair = classify(cap, query).map(Pair::Secret);
                if let Some(f) = self.stack.last_mut().filter(|f| f.pair != Pair::Cookie) {
                    f.pair = pair.unwrap_or_default();
                }
            }
            Capture::Url => {
                self.key_delivery = contains_ignore_case(cap, b"keydelivery");
                self.status = 0;
            }
            Capture::None => {}
        }
        self.capture = Capture::None;
        self.cap_len = 0;
    }
}

enum Action {
    /// Copy this many bytes as they are.
    Skip(usize),
    /// Copy `copy` bytes (a name and its separator), then mask the value that follows.
    Enter { copy: usize, val: Val },
    /// Replace `len` bytes with `with`.
    Replace { len: usize, with: &'static str, kind: Kind },
}

/// A secret name: what its value is, and whether it is a header (`Name: value to end of line`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Named {
    class: Class,
    header: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// The scheme word is kept.
    Auth(Kind),
    Cookie,
    SetCookie,
    Plain(Kind),
}

/// Names whose value is secret wherever they occur (compared without case, `-` and `_` as written).
const NAMES: &[(&str, Kind)] = &[
    ("sig", Kind::Signature),
    ("signature", Kind::Signature),
    ("x-amz-signature", Kind::Signature),
    ("x-goog-signature", Kind::Signature),
    ("token", Kind::Token),
    ("key", Kind::Key),
    ("apikey", Kind::Key),
    ("api-key", Kind::Key),
    ("x-amz-credential", Kind::Key),
    ("x-goog-credential", Kind::Key),
    ("sharedaccesssignature", Kind::Signature),
    ("password", Kind::Secret),
    ("passwd", Kind::Secret),
    ("pwd", Kind::Secret),
    ("passphrase", Kind::Secret),
    ("secret", Kind::Secret),
    ("client_secret", Kind::Secret),
    // Media Services content key policies: the token signing key.
    ("keyvalue", Kind::Key),
];

/// Names ending in "key" whose value is not secret (HLS `#EXT-X-KEY:` holds the key URI and method).
const NOT_KEYS: &[&str] =
    &["publickey", "partitionkey", "rowkey", "sortkey", "idempotencykey", "cachekey", "extxkey", "extxsessionkey"];

/// What the value of `word` is, when it is secret. `query`: the name follows `?`, `&` or `#`,
/// where `code` is an OAuth authorization code.
fn classify(word: &[u8], query: bool) -> Option<Named> {
    if word.len() < 3 || word.len() > 48 {
        return None;
    }
    let mut lower = [0u8; 48];
    let mut norm = [0u8; 48];
    let mut n = 0;
    for (i, c) in word.iter().enumerate() {
        let c = c.to_ascii_lowercase();
        *lower.get_mut(i)? = c;
        if c != b'-' && c != b'_' {
            *norm.get_mut(n)? = c;
            n += 1;
        }
    }
    let lower = lower.get(..word.len())?;
    let norm = norm.get(..n)?;
    let header = lower.contains(&b'-');
    let plain = |kind| Some(Named { class: Class::Plain(kind), header });
    match lower {
        b"authorization" | b"proxy-authorization" => {
            return Some(Named { class: Class::Auth(Kind::Authorization), header: true })
        }
        b"cookie" => return Some(Named { class: Class::Cookie, header: true }),
        b"set-cookie" => return Some(Named { class: Class::SetCookie, header: true }),
        b"code" if query => return plain(Kind::Token),
        _ => {}
    }
    if let Some((_, kind)) = NAMES.iter().find(|(n, _)| n.as_bytes() == lower) {
        return plain(*kind);
    }
    if lower.starts_with(b"x-ms-") {
        let has = |s: &[u8]| lower.windows(s.len()).any(|w| w == s);
        if has(b"authorization") {
            return Some(Named { class: Class::Auth(Kind::MsHeader), header: true });
        }
        let secret = [&b"key"[..], b"token", b"signature", b"secret", b"credential", b"password"];
        return if secret.iter().any(|s| has(s)) { plain(Kind::MsHeader) } else { None };
    }
    // `contentKeys`, `tokens`: a list of them.
    let norm = norm.strip_suffix(b"s").filter(|n| n.ends_with(b"key") || n.ends_with(b"token")).unwrap_or(norm);
    if norm.ends_with(b"authorization") {
        return Some(Named { class: Class::Auth(Kind::Authorization), header: true });
    }
    if norm.ends_with(b"signature") {
        return plain(Kind::Signature);
    }
    if norm.ends_with(b"token") {
        return plain(Kind::Token);
    }
    if norm.ends_with(b"secret") || norm.ends_with(b"password") {
        return plain(Kind::Secret);
    }
    if norm.ends_with(b"credential") || norm.ends_with(b"credentials") {
        return plain(Kind::Key);
    }
    if norm.ends_with(b"key") && !NOT_KEYS.iter().any(|k| k.as_bytes() == norm) {
        return plain(Kind::Key);
    }
    None
}

/// After a secret name ending at `j`: where its value starts and how it ends. `quote`: the
/// character before the name was this quote; `xml`: it was `<`; `json`: inside a JSON string.
fn separator(
    look: &Look<'_>,
    j: usize,
    named: Named,
    quote: Option<Q>,
    xml: bool,
    json: bool,
) -> R<Option<(usize, End)>> {
    let base = End { json, ..End::default() };
    let mut k = j;
    let mut quoted_name = None;
    let u = look.unit(k)?;
    if let Some(u) = u {
        if json && u.len == 1 && u.c == b'"' {
            return Ok(None);
        }
        if quote.is_some() && quote_of(u) == quote {
            quoted_name = quote;
            k += u.len;
        }
    }
    let spaces = |look: &Look<'_>, mut k: usize| -> R<usize> {
        let start = k;
        while matches!(look.at(k)?, Some(b' ' | b'\t')) && k - start < 16 {
            k += 1;
        }
        Ok(k)
    };
    k = spaces(look, k)?;
    let Some(u) = look.unit(k)? else { return Ok(None) };
    if u.c == b':' && u.pct == 0 {
        k = spaces(look, k + u.len)?;
        let Some(v) = look.unit(k)? else { return Ok(None) };
        if json && v.len == 1 && v.c == b'"' {
            return Ok(None);
        }
        if let Some(q) = quote_of(v) {
            return Ok(Some((k + v.len, End { quote: Some(q), ..base })));
        }
        if quoted_name.is_some() {
            // `"token": null`, a number or an object: not a string.
            return Ok(None);
        }
        if named.header {
            return Ok(Some((k, End { line: true, quote, ..base })));
        }
        return Ok(Some((k, End { delim: true, ..base })));
    }
    if u.c == b'=' && (quoted_name.is_none() || u.pct == 0) {
        let pct = u.pct;
        k += u.len;
        let Some(v) = look.unit(k)? else { return Ok(None) };
        if json && v.len == 1 && v.c == b'"' {
            return Ok(None);
        }
        if pct == 0 {
            if let Some(q) = quote_of(v) {
                return Ok(Some((k + v.len, End { quote: Some(q), ..base })));
            }
        }
        return Ok(Some((k, End { delim: true, pct, ..base })));
    }
    if u.c == b'>' && xml && quoted_name.is_none() && k == j {
        return Ok(Some((k + u.len, End { delim: true, ..base })));
    }
    if u.c == b',' && u.len == 1 && quoted_name == Some(Q::Dq) {
        // A HAR pair as text: "Authorization", "value": "…"
        k = spaces(look, k + 1)?;
        if !look.starts_with(k, b"\"value\"")? {
            return Ok(None);
        }
        k = spaces(look, k + 7)?;
        if look.at(k)? != Some(b':') {
            return Ok(None);
        }
        k = spaces(look, k + 1)?;
        if look.at(k)? != Some(b'"') {
            return Ok(None);
        }
        return Ok(Some((k + 1, End { quote: Some(Q::Dq), ..base })));
    }
    Ok(None)
}

/// Length of the scheme word and the blanks after it (`Bearer `), kept before the masked part;
/// 0 when the value has no scheme.
fn auth_scheme(look: &Look<'_>, i: usize, end: &End) -> R<usize> {
    let mut k = i;
    while look.at(k)?.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-') {
        k += 1;
        if k - i > 40 {
            return Ok(0);
        }
    }
    if k == i {
        return Ok(0);
    }
    let word_end = k;
    while let Some(u) = look.unit(k)?.filter(|u| u.c == b' ' && !u.esc && !end.ends(*u)) {
        k += u.len;
    }
    if k == word_end {
        return Ok(0);
    }
    match look.unit(k)? {
        Some(u) if !end.ends(u) => Ok(k - i),
        _ => Ok(0),
    }
}

/// A storage account key: exactly 86 base64 characters and `==` (64 bytes), alone.
fn account_key(look: &Look<'_>, i: usize) -> R<Option<usize>> {
    let mut k = i;
    while look.at(k)?.is_some_and(is_b64) {
        k += 1;
        if k - i > 86 {
            return Ok(None);
        }
    }
    if k - i != 86 || look.at(k)? != Some(b'=') || look.at(k + 1)? != Some(b'=') {
        return Ok(None);
    }
    match look.at(k + 2)? {
        Some(c) if is_b64(c) || c == b'=' => Ok(None),
        _ => Ok(Some(88)),
    }
}

/// An IPv4 address at `i`: its length.
fn ipv4(look: &Look<'_>, i: usize) -> R<Option<usize>> {
    let mut k = i;
    for part in 0..4 {
        let start = k;
        let mut v = 0u32;
        while k - start < 3 {
            match look.at(k)? {
                Some(d) if d.is_ascii_digit() => {
                    v = v * 10 + u32::from(d - b'0');
                    k += 1;
                }
                _ => break,
            }
        }
        if k == start || v > 255 {
            return Ok(None);
        }
        if part < 3 {
            if look.at(k)? != Some(b'.') {
                return Ok(None);
            }
            k += 1;
        }
    }
    match look.at(k)? {
        Some(c) if c.is_ascii_alphanumeric() => Ok(None),
        Some(b'.') if look.at(k + 1)?.is_some_and(|c| c.is_ascii_digit()) => Ok(None),
        _ => Ok(Some(k - i)),
    }
}

fn is_cookie_attribute(name: &[u8]) -> bool {
    const ATTRS: &[&str] = &[
        "path",
        "domain",
        "expires",
        "max-age",
        "samesite",
        "secure",
        "httponly",
        "priority",
        "partitioned",
        "version",
    ];
    ATTRS.iter().any(|a| a.as_bytes() == name)
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn is_name(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'+' || c == b'/'
}

fn is_b64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

fn is_token_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=' | b'%')
}

fn is_delim(c: u8) -> bool {
    c < 0x20
        || matches!(
            c,
            b'&' | b';'
                | b' '
                | b'"'
                | b'\''
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b','
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'|'
                | b'#'
                | b'`'
                | b'\\'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_names() {
        assert_eq!(copy_name("capture.har"), "capture.redacted.har");
        assert_eq!(copy_name("a.b.log"), "a.b.redacted.log");
        assert_eq!(copy_name("trace"), "trace.redacted");
        assert_eq!(copy_name(".env"), ".env.redacted");
    }

    fn r(s: &str) -> String {
        redact(s).text
    }

    #[test]
    fn headers_keep_their_scheme_and_names() {
        assert_eq!(r("Authorization: Bearer abc.def\nx: y"), "Authorization: Bearer REDACTED\nx: y");
        assert_eq!(r("authorization: SharedKey acct:c2ln\r\n"), "authorization: SharedKey REDACTED\r\n");
        assert_eq!(r("Cookie: a=1; b=2\n"), "Cookie: a=REDACTED; b=REDACTED\n");
        assert_eq!(
            r("Set-Cookie: sid=xyz; Path=/; HttpOnly; Max-Age=60\n"),
            "Set-Cookie: sid=REDACTED; Path=/; HttpOnly; Max-Age=60\n"
        );
        assert_eq!(
            r("x-ms-error-code: MPE_X\nx-ms-encryption-key: abc\n"),
            "x-ms-error-code: MPE_X\nx-ms-encryption-key: REDACTED\n"
        );
    }

    #[test]
    fn parameters_plain_encoded_and_escaped() {
        assert_eq!(r("?sv=1&sig=a%2Bb&se=2"), "?sv=1&sig=REDACTED&se=2");
        assert_eq!(
            r("src=https%3A%2F%2Fh%2Fa%3Fsig%3Dab%252B%26se%3D1"),
            "src=https%3A%2F%2Fh%2Fa%3Fsig%3DREDACTED%26se%3D1"
        );
        assert_eq!(r(r#""u":"h?sig=abc\u0026se=1""#), r#""u":"h?sig=REDACTED\u0026se=1""#);
        assert_eq!(r("?code=abc&state=1"), "?code=REDACTED&state=1");
        assert_eq!(r("error code=MPE_X"), "error code=MPE_X");
    }

    #[test]
    fn json_har_pairs_and_cookies() {
        let har = r#"{"log":{"entries":[{"request":{"headers":[{"name":"Authorization","value":"Bearer x"}],"cookies":[{"name":"s","value":"v"}],"queryString":[{"name":"sig","value":"q"}]}}]}}"#;
        let want = r#"{"log":{"entries":[{"request":{"headers":[{"name":"Authorization","value":"Bearer REDACTED"}],"cookies":[{"name":"s","value":"REDACTED"}],"queryString":[{"name":"sig","value":"REDACTED"}]}}]}}"#;
        assert_eq!(r(har), want);
    }

    #[test]
    fn json_lists_and_objects_under_secret_keys() {
        assert_eq!(
            r(r#"{"keys":[{"keyName":"key1","value":"abc"}],"contentKeys":[{"id":"k1","value":"def"}]}"#),
            r#"{"keys":[{"keyName":"key1","value":"REDACTED"}],"contentKeys":[{"id":"k1","value":"REDACTED"}]}"#
        );
        assert_eq!(
            r(r#"{"primaryVerificationKey":{"@odata.type":"x.SymmetricTokenKey","keyValue":"c2VjcmV0"},"keyId":"k"}"#),
            r#"{"primaryVerificationKey":{"@odata.type":"x.SymmetricTokenKey","keyValue":"REDACTED"},"keyId":"k"}"#
        );
        assert_eq!(
            r(r#"{"Set-Cookie":["a=1; Path=/","b=2"]}"#),
            r#"{"Set-Cookie":["a=REDACTED; Path=/","b=REDACTED"]}"#
        );
    }

    #[test]
    fn every_split_is_the_same() {
        let t = "GET /?sig=abc%2F&x=1 HTTP/1.1\r\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln\r\n";
        let whole = r(t);
        for cut in 0..t.len() {
            let mut x = Redactor::new(Options::default());
            let mut out = Vec::new();
            x.feed(&t.as_bytes()[..cut], &mut out);
            x.feed(&t.as_bytes()[cut..], &mut out);
            x.finish(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), whole, "cut at {cut}");
        }
    }
}
