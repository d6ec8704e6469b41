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

# run NAME DIR "FILES" "CLANG ARGS": the findings, then how many parser
# diagnostics the model kept in any function (rule-dependent or not).
run() {
	name=$1 dir=$2 files=$3 args=$4
	out=$(mktemp)
	# shellcheck disable=SC2086
	(cd "$dir" && "$bin" check $files -- $args) >"$out" 2>&1
	rc=$?
	incomplete=$(grep -c '\[analysis-incomplete\]' "$out")
	findings=$(grep -c ': error: \|: warning: ' "$out")
	# shellcheck disable=SC2086
	diags=$(cd "$dir" && "$bin" dump-model $files -- $args 2>/dev/null | grep -c '^diag ')
	echo "== $name: exit $rc, $findings findings, $incomplete analysis-incomplete, $diags parser diagnostics anywhere"
	cat "$out"
	rm -f "$out"
	{ [ "$incomplete" -eq 0 ] && [ "$rc" -ne 2 ] && [ "$rc" -ne 127 ]; } || failed=1
}

nv="adapter.c ctrlpath.c datapath.c miniport.c mphal.c tcbrcb.c"
nvargs="-DNDIS_MINIPORT_DRIVER=1 -DNDIS_WDM=1 -I."
mux60="-DNDIS60 -DNDIS60_MINIPORT -DNDIS_MINIPORT_DRIVER -DNDIS_WDM -I."
mux630="-DNDIS630 -DNDIS630_MINIPORT -DNDIS_MINIPORT_DRIVER -DNDIS_WDM -I."
prot="debug.c excallbk.c ndisbind.c ntdisp.c recv.c send.c"
flt="device.c filter.c flt_dbg.c"

run "mux novlan (IM, NDIS 6.0)" "$ndis/mux/driver/60" "mux.c miniport.c protocol.c" "$mux60"
run "mux novlan (IM, NDIS 6.30)" "$ndis/mux/driver/60" "mux.c miniport.c protocol.c" "$mux630"
run "mux vlan (IM, NDIS 6.30)" "$ndis/mux/driver/60" "mux.c miniport.c protocol.c" "$mux630 -DIEEE_VLAN_SUPPORT=1"
run "netvmini 60 (miniport)" "$ndis/netvmini/6x" "$nv" "-DNDIS60_MINIPORT=1 $nvargs"
run "netvmini 620 (miniport, VMQ)" "$ndis/netvmini/6x" "$nv vmq.c" "-DNDIS620_MINIPORT=1 $nvargs"
run "netvmini 630 (miniport, VMQ, QoS)" "$ndis/netvmini/6x" "$nv vmq.c qos.c" "-DNDIS630_MINIPORT=1 $nvargs"
run "netvmini 680 (miniport, VMQ, QoS, RSSv2)" "$ndis/netvmini/6x" "$nv vmq.c qos.c rssv2.c rssv2lib.c" "-DNDIS680_MINIPORT=1 $nvargs"
run "ndisprot 60 (protocol)" "$ndis/ndisprot/6x/sys" "$prot" "-DNDIS_WDM=1 -DNDIS60=1 -I."
run "ndisprot 630 (protocol)" "$ndis/ndisprot/6x/sys" "$prot" "-DNDIS_WDM=1 -DNDIS630=1 -I."
run "filter 60 (lightweight filter)" "$ndis/filter" "$flt" "-DNDIS60=1 -DNDISLWF=1 -DNDIS_WDM=1 -I."
run "filter 620 (lightweight filter)" "$ndis/filter" "$flt" "-DNDIS620=1 -DNDISLWF=1 -DNDIS_WDM=1 -I."
run "filter 630 (lightweight filter)" "$ndis/filter" "$flt" "-DNDIS630=1 -DNDISLWF=1 -DNDIS_WDM=1 -I."

exit $failed
