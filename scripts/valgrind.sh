#!/bin/sh
# make check-valgrind: the binary under valgrind's memcheck over a
# representative part of the corpus (the reference driver, the faulty
# one, a fixture of every rule, a multi-file one, one with parse errors,
# split parses), through every writer (text, SARIF, JSON, HTML, the run store).  Any
# memory error or leak (definite, indirect or possible) fails the run.
# Usage: scripts/valgrind.sh BUILD/ndislint
set -eu

bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
command -v valgrind >/dev/null 2>&1 || { echo "valgrind: not installed (scripts/deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ndislint-valgrind-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# A private result cache, so that every run really analyzes.
export XDG_CACHE_HOME="$tmp/cache"

vg() {
	# exit 9: valgrind found something; 0/1: the tool's own verdict
	set +e
	valgrind -q --error-exitcode=9 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--log-file="$tmp/vg.log" "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	set -e
	if [ $rc -gt 2 ]; then
		echo "check-valgrind: FAILED (exit $rc): ndislint $*" >&2
		cat "$tmp/vg.log" "$tmp/err" >&2
		exit 1
	fi
	echo "check-valgrind: ok (exit $rc): ndislint $*"
}

cd "$root"
vg check corpus/reference/*.c
vg check --format sarif corpus/faulty/driver.c corpus/faulty/miniport.c
vg check --format json --db "$tmp/runs.db" corpus/faulty/driver.c
vg check --html "$tmp/report" --db "$tmp/runs.db" corpus/faulty/driver.c corpus/faulty/miniport.c
vg report --db "$tmp/runs.db" --html "$tmp/report2"
for rule in corpus/*/; do
	case $rule in corpus/reference/|corpus/faulty/|corpus/parse/) continue ;; esac
	for f in "$rule"bad_*.c; do
		[ -f "$f" ] && { vg check "$f"; break; }
	done
done
vg check corpus/analysis-incomplete/bad_syntax_in_driverentry.c
# Parsed as two halves (analyzer/fe_split.c): at any size, a fallback to
# the whole parse on an error, and a big file with two parse threads.
vg dump-model --split 1 corpus/reference/driver.c corpus/reference/miniport.c
vg dump-model --split 1 corpus/analysis-incomplete/bad_syntax_in_driverentry.c
sh bench/gen.sh steps 300 >"$tmp/steps_300.c"
vg check -j 2 "$tmp/steps_300.c"
vg check corpus/deregister-without-register/bad_multifile/*.c
echo "check-valgrind: no memory error, no leak"
