#!/bin/sh
# run.sh - the scaling benchmark (`make bench`).
#
# Usage: sh bench/run.sh [NDISLINT [PEAK]]
#   NDISLINT  the binary under test (default build/ndislint)
#   PEAK      bench/peak.c built (default build/bench/peak)
#
# For generated drivers (bench/gen.sh: steps N = 50, 500, 5000 and nested
# depth 200) it measures `ndislint check -q --no-cache FILE` and `clang -fsyntax-only`
# with exactly ndislint's parser arguments on the same file: wall time and
# peak resident memory, best of 3 runs each.  ndislint runs with its
# default -j (a big file is parsed as two halves on two threads), and
# once more with -j 1 for comparison.  Then it prints a table and
# whether the targets hold:
#   - time(steps 5000) / time(steps 500) <= 12 (no exponential blow-up);
#   - ndislint <= 1.5x the time and <= 1.5x the peak memory of clang
#     -fsyntax-only, at every size.
# It also checks that ndislint reports nothing on these correct drivers.
# It reports; it never fails: the exit status is 0 even when a target is
# MISSED.  BENCH_SIZES="50 500" and BENCH_RUNS=1 shorten a run.

ROOT=$(cd "$(dirname "$0")/.." && pwd)
NDISLINT=${1:-$ROOT/build/ndislint}
PEAK=${2:-$ROOT/build/bench/peak}
SIZES=${BENCH_SIZES:-50 500 5000}
NESTED=${BENCH_NESTED:-200}
RUNS=${BENCH_RUNS:-3}
LLVM_CONFIG=${LLVM_CONFIG:-llvm-config}
WORK=$(dirname "$PEAK")/work

say() { printf '%s\n' "$*"; }

# ---------------------------------------------------------------------------
# clang's command line: the same arguments frontend.c gives libclang.

# The strings of target_args[] in analyzer/frontend.c, one per line;
# an entry that names a string macro (#define NAME "...") is that string.
target_args() {
	awk '/^#define [A-Za-z_0-9]+ "[^"]*"/ {
		v = $0; sub(/^#define [A-Za-z_0-9]+ "/, "", v); sub(/".*/, "", v)
		macro[$2] = v; next }
	     /target_args\[\] = \{/ { on = 1; next }
	     on && /^\};/ { exit }
	     on { line = $0
		  while (match(line, /"[^"]*"|[A-Za-z_][A-Za-z_0-9]*/)) {
			tok = substr(line, RSTART, RLENGTH)
			if (substr(tok, 1, 1) == "\"")
				print substr(tok, 2, length(tok) - 2)
			else if (tok in macro)
				print macro[tok]
			line = substr(line, RSTART + RLENGTH)
		  } }' "$ROOT/analyzer/frontend.c"
}

# The resource directory as the Makefile computes it for ndislint.
resource_dir() {
	libdir=$("$LLVM_CONFIG" --libdir 2>/dev/null) || return 1
	version=$("$LLVM_CONFIG" --version 2>/dev/null) || return 1
	printf '%s\n' "$libdir/clang/$version"
}

# The bundled headers, found as frontend_default_include_dir() finds them.
include_dir() {
	if [ -n "$NDISLINT_INCLUDE" ]; then
		printf '%s\n' "$NDISLINT_INCLUDE"
	elif [ -r "$(dirname "$NDISLINT")/../share/ndislint/include/ndis.h" ]; then
		(cd "$(dirname "$NDISLINT")/../share/ndislint/include" && pwd)
	else
		printf '%s\n' "$ROOT/analyzer/include"
	fi
}

CLANG=$("$LLVM_CONFIG" --bindir 2>/dev/null)/clang
[ -x "$CLANG" ] || CLANG=$(command -v clang)
RESDIR=$(resource_dir)
INCDIR=$(include_dir)
# The target arguments as positional parameters (none holds a space).
set -- $(target_args)
TARGET_ARGS="$*"
if [ -n "$RESDIR" ] && [ -r "$RESDIR" ]; then
	TARGET_ARGS="$TARGET_ARGS -resource-dir $RESDIR"
fi
TARGET_ARGS="$TARGET_ARGS -isystem $INCDIR"

# ---------------------------------------------------------------------------
# Measuring.

# Runs "$@" RUNS times under peak; prints "BEST_SECONDS BEST_PEAK_KB".
best_of() {
	i=0
	: >"$WORK/runs"
	while [ "$i" -lt "$RUNS" ]; do
		"$PEAK" -o "$WORK/one" "$@" >/dev/null 2>"$WORK/stderr"
		cat "$WORK/one" >>"$WORK/runs"
		i=$((i + 1))
	done
	awk 'NR == 1 || $1 < t { t = $1 } NR == 1 || $2 < m { m = $2 }
	     END { printf "%s %s\n", t, m }' "$WORK/runs"
}

# Checks that ndislint finds nothing on FILE; prints a line about it.
check_clean() {
	"$NDISLINT" check -q "$1" >"$WORK/findings" 2>&1
	rc=$?
	n=$(grep -c ': \(error\|warning\): ' "$WORK/findings")
	if [ "$rc" -eq 0 ]; then
		say "  ndislint: no finding (exit 0), as expected"
	else
		say "  ndislint: NOT CLEAN: exit $rc, $n finding(s) on a correct driver:"
		grep ': \(error\|warning\): ' "$WORK/findings" | sed 's/^/    /' | head -8
		NOT_CLEAN=$((NOT_CLEAN + 1))
	fi
}

# Measures one generated driver; appends a row to $WORK/table.
measure() {
	label=$1 style=$2 size=$3
	file="$WORK/bench_${style}_$size.c"
	sh "$ROOT/bench/gen.sh" "$style" "$size" >"$file" || return 1
	say "$label: $file ($(wc -l <"$file") lines)"
	check_clean "$file"
	# shellcheck disable=SC2086
	c=$(best_of "$CLANG" -fsyntax-only $TARGET_ARGS -idirafter "$WORK" "$file")
	crc=$(awk '{ print $3 }' "$WORK/one")
	[ "$crc" = 0 ] || say "  clang -fsyntax-only: exit $crc: $(head -3 "$WORK/stderr")"
	# --no-cache: the result cache would skip libclang on the repeats
	n=$(best_of "$NDISLINT" check -q --no-cache "$file")
	nrc=$(awk '{ print $3 }' "$WORK/one")
	case "$nrc" in 0|1) ;; *) say "  ndislint: exit $nrc: $(head -3 "$WORK/stderr")" ;; esac
	# one parse thread: no file split in two halves (README, -j)
	one=$(best_of "$NDISLINT" check -q --no-cache -j 1 "$file")
	say "  ndislint $n ; clang $c ; ndislint -j 1 $one   (seconds, peak KB; best of $RUNS)"
	echo "$label $n $c $one" >>"$WORK/table"
}

# ---------------------------------------------------------------------------

if [ ! -x "$NDISLINT" ] || [ ! -x "$PEAK" ]; then
	say "bench: need $NDISLINT and $PEAK (run make bench)"
	exit 0
fi
if [ ! -x "$CLANG" ]; then
	say "bench: no clang binary to compare with"
	exit 0
fi
mkdir -p "$WORK"
: >"$WORK/table"
NOT_CLEAN=0

say "clang command (ndislint's parser arguments; FILE is each generated driver):"
say "  $CLANG -fsyntax-only $TARGET_ARGS -idirafter $WORK FILE"
say "ndislint command:"
say "  $NDISLINT check -q --no-cache FILE"
say "  (default -j: the cores, $(nproc 2>/dev/null || echo '?') here; with two threads free, a file"
say "  with 128 KB or more of function bodies is parsed as two halves at once."
say "  The -j1 columns are one parse thread, for comparison; the targets are"
say "  checked on the default.)"
say ""

for n in $SIZES; do
	measure "steps-$n" steps "$n"
done
[ -n "$NESTED" ] && measure "nested-$NESTED" nested "$NESTED"

say ""
awk -v not_clean="$NOT_CLEAN" '
function ratio(a, b) { return b > 0 ? a / b : (a > 0 ? 999 : 1) }
{
	label[NR] = $1; nt[NR] = $2; nm[NR] = $3 / 1024; ct[NR] = $4; cm[NR] = $5 / 1024
	jt[NR] = $6
}
END {
	printf "%-12s %10s %10s %7s %12s %12s %7s %9s %7s\n", "case", "ndislint s", "clang s",
	       "time x", "ndislint MB", "clang MB", "mem x", "-j1 s", "-j1 x"
	for (i = 1; i <= NR; i++) {
		tr = ratio(nt[i], ct[i]); mr = ratio(nm[i], cm[i])
		printf "%-12s %10.3f %10.3f %7.2f %12.1f %12.1f %7.2f %9.3f %7.2f\n", label[i],
		       nt[i], ct[i], tr, nm[i], cm[i], mr, jt[i], ratio(jt[i], ct[i])
		if (tr > 1.5) { tmiss = tmiss " " label[i] }
		if (mr > 1.5) { mmiss = mmiss " " label[i] }
		if (label[i] == "steps-500") t500 = nt[i]
		if (label[i] == "steps-5000") t5000 = nt[i]
	}
	print ""
	if (t500 != "" && t5000 != "") {
		g = ratio(t5000, t500)
		printf "growth: time(steps-5000) / time(steps-500) = %.2f (target <= 12): %s\n",
		       g, g <= 12 ? "ok" : "MISSED"
	} else
		print "growth: not measured (needs steps 500 and 5000)"
	printf "time vs clang -fsyntax-only <= 1.5x at every size: %s\n",
	       tmiss == "" ? "ok" : "MISSED at" tmiss
	printf "peak memory vs clang -fsyntax-only <= 1.5x at every size: %s\n",
	       mmiss == "" ? "ok" : "MISSED at" mmiss
	printf "no finding on the generated (correct) drivers: %s\n",
	       not_clean == 0 ? "ok" : "MISSED (" not_clean " not clean)"
}' "$WORK/table"
exit 0
