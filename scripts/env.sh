# Sourced by the scripts: puts cargo's and npm's tools on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
unset NO_COLOR # trunk reads NO_COLOR as a bool and rejects NO_COLOR=1
