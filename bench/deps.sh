#!/bin/sh
# deps.sh - installs, on Debian 12, whatever make bench needs beyond the
# build (build-aux/deps.sh): hyperfine, GNU time, xmllint, w3m, lynx,
# tmux and less.  Needs root (or sudo) only when something is missing.
exec sh "$(dirname "$0")/../build-aux/deps.sh" hyperfine time libxml2-utils \
    w3m lynx tmux less
