#!/bin/sh
# browser_test.sh - the HTML report in a real browser (Debian's chromium,
# headless).
#
#   sh tests/browser_test.sh NDISLINT ROOT
#
# 1. The report of corpus/faulty: its index and a finding page render with
#    no console message at all (errors, CSP violations, exceptions), their
#    scripts ran (the filter count and the current step are set), and
#    their screenshots are kept under ROOT/build/artifacts/browser/.
# 2. The attack fixture tests/html/attack.c, copied to a file whose name is
#    markup, carries script and markup payloads in its comments, strings
#    and macro names; every payload, if it ran, would set document.title to
#    'pwned' or a data-pwned attribute on <body>.  The DOM after load shows
#    no such change, no injected element, and the payload text escaped.
#
# Exit 0 when every check passes, 1 when one fails, 77 when chromium is not
# installed (skipped; scripts/deps.sh installs it).
set -u

NDISLINT=${1:?usage: browser_test.sh NDISLINT ROOT}
ROOT=${2:?usage: browser_test.sh NDISLINT ROOT}
ART="$ROOT/build/artifacts/browser"

CHROMIUM=""
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		CHROMIUM=$c
		break
	fi
done
if [ -z "$CHROMIUM" ]; then
	echo "browser test: skipped: chromium is not installed (make deps installs it)"
	exit 77
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ndislint-browser.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
mkdir -p "$ART" || exit 1
failures=0

fail() {
	echo "browser test: FAIL: $*"
	failures=$((failures + 1))
}

# chromium MODE URL OUT: runs headless chromium on URL; MODE "shot" writes
# a screenshot to OUT.png, MODE "dom" the DOM after load to OUT.html.  Its
# log (console messages included) goes to OUT.log.
chromium_run() {
	mode=$1 url=$2 out=$3
	profile=$(mktemp -d "$TMP/profile.XXXXXX")
	set -- --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--disable-default-apps --disable-extensions --mute-audio \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--window-size=1280,900 --virtual-time-budget=3000
	if [ "$mode" = shot ]; then
		timeout 60 "$CHROMIUM" "$@" --screenshot="$out.png" "$url" \
			>/dev/null 2>"$out.log"
	else
		timeout 60 "$CHROMIUM" "$@" --dump-dom "$url" \
			>"$out.html" 2>"$out.log"
	fi
	rc=$?
	rm -rf "$profile"
	[ $rc -eq 0 ] || fail "chromium exited $rc on $url (log: $out.log)"
}

# no_console LOG WHAT: the page logged nothing to its console.
no_console() {
	if grep -q 'CONSOLE' "$1"; then
		fail "$2: console messages:"
		grep 'CONSOLE' "$1" | sed 's/^/    /'
	fi
}

# has FILE TEXT WHAT / hasnt FILE TEXT WHAT: fixed-string checks.
has() {
	grep -qF -- "$2" "$1" || fail "$3: '$2' not found in $1"
}
hasnt() {
	if grep -qF -- "$2" "$1"; then
		fail "$3: '$2' found in $1"
	fi
}

# ---- 1. the faulty corpus driver ------------------------------------------
cd "$ROOT" || exit 1
"$NDISLINT" -q corpus/faulty/driver.c corpus/faulty/miniport.c \
	--html "$TMP/faulty" >/dev/null 2>"$TMP/faulty.err"
rc=$?
[ $rc -eq 1 ] || fail "ndislint --html on corpus/faulty exited $rc: $(cat "$TMP/faulty.err")"
[ -f "$TMP/faulty/index.html" ] || fail "no index.html written"

step_page=""
for f in "$TMP"/faulty/finding-*.html; do
	[ -f "$f" ] || continue
	if grep -q 'data-step="1"' "$f"; then
		step_page=$f
		break
	fi
done
[ -n "$step_page" ] || fail "no finding page with a path of several steps"

chromium_run shot "file://$TMP/faulty/index.html" "$ART/index"
no_console "$ART/index.log" "index.html"
chromium_run dom "file://$TMP/faulty/index.html" "$TMP/index-dom"
no_console "$TMP/index-dom.log" "index.html"
has "$TMP/index-dom.html" ' of ' "index.html: the filter script did not run"
grep -q 'id="f-count"[^>]*>[0-9][0-9]* of [0-9]' "$TMP/index-dom.html" ||
	fail "index.html: the filter count was not set by its script"

if [ -n "$step_page" ]; then
	chromium_run shot "file://$step_page" "$ART/finding"
	no_console "$ART/finding.log" "$(basename "$step_page")"
	chromium_run dom "file://$step_page" "$TMP/finding-dom"
	no_console "$TMP/finding-dom.log" "$(basename "$step_page")"
	has "$TMP/finding-dom.html" 'class="bubble current"' \
		"finding page: no current step marked by its script"
	grep -q 'id="step-status">Step 1 of [0-9]' "$TMP/finding-dom.html" ||
		fail "finding page: the step navigation did not start"
fi

# ---- 2. the attack fixture ------------------------------------------------
mkdir "$TMP/attack" || exit 1
name='<img src=x onerror=alert(1)>.c'
cp "$ROOT/tests/html/attack.c" "$TMP/attack/$name" || exit 1
(cd "$TMP/attack" && "$NDISLINT" -q "$name" --html out >/dev/null 2>err)
rc=$?
[ $rc -eq 1 ] || fail "ndislint --html on the attack fixture exited $rc: $(cat "$TMP/attack/err")"

n=0
for page in "$TMP"/attack/out/index.html "$TMP"/attack/out/finding-*.html; do
	[ -f "$page" ] || continue
	n=$((n + 1))
	base=$(basename "$page" .html)
	dom="$TMP/attack-$base"
	chromium_run dom "file://$page" "$dom"
	no_console "$dom.log" "attack $base"
	# nothing ran
	grep -q '<title>pwned' "$dom.html" && fail "attack $base: document.title was set"
	grep -q '<body[^>]*data-pwned' "$dom.html" && fail "attack $base: a payload set data-pwned"
	# nothing was injected as markup
	hasnt "$dom.html" '<img' "attack $base: an <img> element was injected"
	hasnt "$dom.html" '<svg' "attack $base: an <svg> element was injected"
	hasnt "$dom.html" '<iframe' "attack $base: an <iframe> element was injected"
	[ "$(grep -c '<script' "$dom.html")" -le 1 ] ||
		fail "attack $base: more <script> elements than the report's own"
	# and the payloads are there, as text
	has "$dom.html" '&lt;img src=x onerror=alert(1)&gt;.c' "attack $base: file name"
done
[ $n -ge 2 ] || fail "the attack report has no finding page"
page="$TMP/attack-finding-1.html"
if [ -f "$page" ]; then
	has "$page" "&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;" \
		"attack finding: comment payload"
	has "$page" "&lt;script&gt;document.body.setAttribute('data-pwned','string')&lt;/script&gt;" \
		"attack finding: string payload"
	has "$page" 'PWNED_IF_FAILED_script_alert_1' "attack finding: macro name"
	has "$page" "\"&lt;script&gt;document.title='pwned'&lt;/script&gt;\"[0]" \
		"attack finding: payload in a path step message"
	chromium_run shot "file://$TMP/attack/out/finding-1.html" "$ART/attack-finding"
	no_console "$ART/attack-finding.log" "attack finding-1"
fi

if [ $failures -ne 0 ]; then
	echo "browser test: $failures check(s) failed"
	exit 1
fi
echo "browser test: ok (screenshots in $ART)"
exit 0
