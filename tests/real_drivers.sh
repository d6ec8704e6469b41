#!/bin/sh
# Runs ndislint on the public NDIS samples of microsoft/Windows-driver-samples
# with the defines and include directories their project files set, and
# counts analysis-incomplete findings (the measure of a clean parse).
#
#   tests/real_drivers.sh SAMPLES_DIR [NDISLINT]
#
# SAMPLES_DIR is a checkout (or export) of Windows-driver-samples; none of
# its code is part of this repository.  Without it the script says so and
# exits 0.  Exit 1 when any sample gets an analysis-incomplete finding.
set -u

samples=${1:-}
here=$(cd "$(dirname "$0")" && pwd)
bin=${2:-$here/../build/ndislint}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac

if [ -z "$samples" ] || [ ! -d "$samples/network/ndis" ]; then
	echo "real_drivers: skipped: no Windows-driver-samples checkout given" \
	     "(usage: $0 SAMPLES_DIR [NDISLINT])"
	exit 0
fi

ndis="$samples/network/ndis"
failed=0

# run NAME DIR "FILES" "CLANG ARGS"
run() {
	name=$1 dir=$2 files=$3 args=$4
	out=$(mktemp)
	# shellcheck disable=SC2086
	(cd "$dir" && "$bin" check $files -- $args) >"$out" 2>&1
	rc=$?
	incomplete=$(grep -c '\[analysis-incomplete\]' "$out")
	findings=$(grep -c ': error: \|: warning: ' "$out")
	echo "== $name: exit $rc, $findings findings, $incomplete analysis-incomplete"
	cat "$out"
	rm -f "$out"
	{ [ "$incomplete" -eq 0 ] && [ "$rc" -ne 2 ] && [ "$rc" -ne 127 ]; } || failed=1
}

run "mux (IM, NDIS 6.0)" "$ndis/mux/driver/60" \
	"mux.c miniport.c protocol.c" \
	"-DNDIS60 -DNDIS60_MINIPORT -DNDIS_MINIPORT_DRIVER -DNDIS_WDM -I."
run "netvmini (miniport, NDIS 6.0)" "$ndis/netvmini/6x" \
	"adapter.c ctrlpath.c datapath.c miniport.c mphal.c tcbrcb.c" \
	"-DNDIS60_MINIPORT=1 -DNDIS_MINIPORT_DRIVER=1 -DNDIS_WDM=1 -I."
run "ndisprot (protocol, NDIS 6.30)" "$ndis/ndisprot/6x/sys" \
	"debug.c excallbk.c ndisbind.c ntdisp.c recv.c send.c" \
	"-DNDIS_WDM=1 -DNDIS630=1 -I."
run "filter (lightweight filter, NDIS 6.30)" "$ndis/filter" \
	"device.c filter.c flt_dbg.c" \
	"-DNDIS630=1 -DNDISLWF=1 -DNDIS_WDM=1 -I."

exit $failed
