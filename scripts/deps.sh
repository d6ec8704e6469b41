#!/bin/sh
# Installs the Debian packages that ndislint's build and tests need, and
# only those that are missing.  Called by the Makefile (make deps); never
# needed by hand.
set -eu

PACKAGES="make gcc pkg-config libclang-dev llvm-dev clang libsqlite3-dev \
check libjansson-dev libinih-dev git chromium valgrind libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: missing packages:$missing (run as root or install them)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
