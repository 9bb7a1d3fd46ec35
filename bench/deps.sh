#!/bin/sh
# deps.sh - installs, on Debian 12, whatever make bench needs beyond the
# build (build-aux/deps.sh): hyperfine, GNU time, xmllint, w3m, lynx,
# tmux and less.  Needs root (or sudo) only when something is missing.
set -eu
pkgs="hyperfine time libxml2-utils w3m lynx tmux less"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "newslens bench: installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
