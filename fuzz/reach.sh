#!/bin/sh
# Which diagnose readers a corpus executes: runs `cargo fuzz coverage` over it and prints
# line/region coverage per reader function and the total for src/diagnose/.
# usage: fuzz/reach.sh [DIR]   (default /tmp/fuzz-corpus; needs `rustup component add llvm-tools-preview`)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/tmp/fuzz-corpus}
cd "$root"
log=${TMPDIR:-/tmp}/fuzz-reach.log
RUSTC_BOOTSTRAP=1 cargo fuzz coverage diagnose "$corpus" >"$log" 2>&1 || { tail -20 "$log"; exit 1; }
sysroot=$(rustc --print sysroot)
cov=$(ls "$sysroot"/lib/rustlib/*/bin/llvm-cov | head -1)
bin=$(ls -t target/*/coverage/*/release/diagnose | head -1)
prof=fuzz/coverage/diagnose/coverage.profdata
readers='har::read json::read json::read_document http::read xml::read xml::read_document
console::read console::shaka console::hlsjs console::videojs console::amp access_log::read
escaped::read escaped::read_decoded escaped::base64 escaped::decode scan::scan scan::read_document
url::notes url_fix::fixes phrases::beside phrases::status_named shape::shape_of shape::management
search::near_name secrets::secret_ranges'
"$cov" report "$bin" -instr-profile="$prof" --show-functions src/diagnose/*.rs src/search.rs 2>/dev/null |
    awk -v readers="$readers" '
    BEGIN { n = split(readers, w); for (i = 1; i <= n; i++) want[w[i]] = 1 }
    # plain functions only (v0 mangling: _RNv, Nt per module, Cs<hash>_, then length-prefixed names)
    $1 ~ /^_RNv(Nt)*Cs[0-9A-Za-z]+_/ {
        s = $1; sub(/^_RNv(Nt)*Cs[0-9A-Za-z]+_/, "", s); name = ""
        while (match(s, /^[0-9]+/)) {
            k = substr(s, 1, RLENGTH) + 0; s = substr(s, RLENGTH + 1); sub(/^_/, "", s)
            name = name (name == "" ? "" : "::") substr(s, 1, k); s = substr(s, k + 1)
        }
        sub(/^ams_errors::(diagnose::)?/, "", name)
        if (name in want) { row[name] = sprintf("%-24s %-4s lines %4d/%-4d %8s   regions %8s", name,
            ($2 > $3 ? "yes" : "NO"), $5 - $6, $5, $7, $4); seen[name] = 1 }
    }
    END {
        for (i = 1; i <= n; i++) print (w[i] in seen ? row[w[i]] : sprintf("%-24s NOT IN COVERAGE MAP", w[i]))
    }'
echo
"$cov" report "$bin" -instr-profile="$prof" src/diagnose/*.rs 2>/dev/null |
    awk '$1 == "TOTAL" { print "src/diagnose/: lines " $10 "  regions " $4 "  functions " $7 }'
