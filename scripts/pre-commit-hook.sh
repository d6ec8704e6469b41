#!/bin/sh
# pre-commit-hook.sh - the `ndislint` hook of the pre-commit framework
# (.pre-commit-hooks.yaml).  pre-commit runs it from the top of the work
# tree as
#
#     pre-commit-hook.sh [CHECK-ARGS...] [-- CLANG-ARGS...] FILE...
#
# with the hook's `args:` first and the staged C sources and headers last
# (the trailing arguments that name existing .c/.h files).  ndislint
# analyzes the files of one run together, so a staged file stands for its
# whole driver: with `-p BUILD_DIR` among CHECK-ARGS the files go to
# ndislint as they are (it picks, from the compilation database, every
# driver that compiles or includes one of them); without it, each file
# stands for the tracked C files of its own directory (a header in a
# directory without C files: every tracked C file).  Runs $NDISLINT, else
# `ndislint` from PATH.  Exit status: ndislint's (1: findings).
set -f
NDISLINT=${NDISLINT:-ndislint}
nl='
'

# One argument as a single-quoted sh word.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# The trailing run of existing .c/.h files is the list pre-commit passed.
i=0
last_arg=0
for a in "$@"; do
	i=$((i + 1))
	case $a in
	*.c|*.h)
		[ -f "$a" ] || last_arg=$i ;;
	*)
		last_arg=$i ;;
	esac
done

opts=
clang=
staged=
by_database=0
in_clang=0
i=0
for a in "$@"; do
	i=$((i + 1))
	if [ "$i" -gt "$last_arg" ]; then
		staged=$staged$nl$a
	elif [ "$in_clang" = 1 ]; then
		clang="$clang $(quote "$a")"
	elif [ "$a" = -- ]; then
		in_clang=1
		clang=" --"
	else
		case $a in
		--*) ;;
		-p*) by_database=1 ;;
		esac
		opts="$opts $(quote "$a")"
	fi
done
[ -n "$staged" ] || exit 0

if [ "$by_database" = 1 ]; then
	files=$staged
else
	files=
	IFS=$nl
	for f in $staged; do
		[ -n "$f" ] || continue
		case $f in
		*/*) d=${f%/*}/ ;;
		*) d= ;;
		esac
		sib=$(git -c core.quotePath=false ls-files -- ":(glob)$d*.c")
		if [ -z "$sib" ]; then
			sib=$(git -c core.quotePath=false ls-files -- '*.c')
		fi
		# not tracked yet (a new file pre-commit was given): itself
		case $f in
		*.c) sib=$sib$nl$f ;;
		esac
		files=$files$nl$sib
	done
	unset IFS
	files=$(printf '%s\n' "$files" | sort -u)
fi

list=
IFS=$nl
for f in $files; do
	if [ -f "$f" ]; then
		list="$list $(quote "$f")"
	fi
done
unset IFS
[ -n "$list" ] || exit 0
eval "set -- $opts $list $clang"
exec "$NDISLINT" check "$@"
