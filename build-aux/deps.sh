#!/bin/sh
# deps.sh [PACKAGE...] - installs, on Debian 12, whatever newslens needs
# to build and test (or the packages named) and is not there yet.  Needs
# root (or sudo) only when something is missing.
set -eu
pkgs="$*"
[ -n "$pkgs" ] || pkgs="build-essential autoconf automake pkg-config libncurses-dev
libxml2-dev libxml2-utils libutf8proc-dev libcriterion-dev tmux mandoc
valgrind strace libsqlite3-dev"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "newslens: installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
