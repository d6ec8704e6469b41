#!/bin/sh
# demo.sh BINARY - runs ndislint on the reference driver (expects exit 0)
# and on the faulty drivers (expects exit 1), printing what it says and a
# one-line verdict per run.  Exits non-zero if either expectation fails.
# Run from anywhere: paths are taken relative to the repository.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BINARY" >&2
	exit 2
fi

case $1 in
	/*) bin=$1 ;;
	*) bin=$(pwd)/$1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2

if [ ! -x "$bin" ]; then
	echo "demo: $bin is not an executable (run make build first)" >&2
	exit 2
fi

failed=0

# run TITLE EXPECTED-STATUS FILE... - runs `BINARY check FILE...`.
run() {
	title=$1
	expected=$2
	shift 2
	echo "== $title: ndislint check $*"
	"$bin" check "$@"
	status=$?
	if [ "$status" -eq "$expected" ]; then
		echo "== $title: OK (exit $status, as expected)"
	else
		echo "== $title: FAILED (exit $status, expected $expected)"
		failed=1
	fi
	echo
}

# The globs stay unexpanded when a directory is empty: ndislint then
# reports the missing file and exits 2, which fails the expectation.
run "reference driver" 0 corpus/reference/*.c
run "faulty drivers" 1 corpus/faulty/*.c

if [ "$failed" -ne 0 ]; then
	echo "demo: FAILED"
	exit 1
fi
echo "demo: all expectations met"
exit 0
