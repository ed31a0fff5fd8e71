#!/usr/bin/env bash
# Participating Function benchmark (issue 4). SIPp-driven 1-1 CPM Sessions (INVITE/180/200/ACK/BYE/200,
# SDP with an MSRP path) from a registered CPM client through the originating PF and the terminating PF,
# both B2BUAs in one server, to another registered client; then pager-mode MESSAGEs through both PFs;
# then the heap held per established session with N sessions open at once.
#
# Prints, per session rate: sessions ok / failed, server CPU-µs per session (utime+stime of the server
# process from /proc, both PF hops), SIPp's INVITE->200 time percentiles (-trace_rtt); for pager mode
# CPU-µs per message and MESSAGE->200 percentiles; for the heap, live bytes (class histogram after a full
# GC) before and with the sessions open, divided by the number of CpmSession objects alive.
#
# SIPp does not speak MSRP: the caller offers a=setup:active and the callee answers it, so the PF is
# passive on both legs. The MSRP connect timeout (10 s, AMB-01; msrp.connect-timeout is not applied by the
# server yet) then ends a held session, so the heap phase opens its sessions fast and measures before the
# first ones time out; sessions still being set up and the 32 s RFC 6026 Accepted-state transactions of
# each INVITE count in the figure.
#
# usage: bench/pf/sessions.sh [RATES] [SECONDS] [PAGER_RATE] [HELD]   default: "200 400 800" 10 500 10000
# env:   HOLD_RATE (1250/s), SESSION_PAUSE_MS (100), WARM_RATE (100/s), WARM_CALLS (6000: C2 is still compiling after a few thousand sessions)
# needs: sipp (sip-tester), a JDK (jcmd), the built project (./opencpm build, or OPENCPM_SKIP_BUILD=1)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RATES="${1:-200 400 800}"
SECONDS_PER_RATE="${2:-10}"
PAGER_RATE="${3:-500}"
HELD="${4:-10000}"
HOLD_RATE="${HOLD_RATE:-1250}"
# the caller waits this long between its ACK and its BYE (a session is not hung up the instant it starts)
SESSION_PAUSE_MS="${SESSION_PAUSE_MS:-100}"
WORK="$(mktemp -d /tmp/opencpm-pfbench-XXXX)"
SCEN="$ROOT/it/src/test/resources/sipp"
PORT=26060; UAS_PORT=26072; UAC_PORT=26071; REG_PORT=26073
HZ=$(getconf CLK_TCK)
SIPP_PIDS=()

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need sipp sip-tester
[ -f "$ROOT/dist/target/opencpm-dist-0.1.0-SNAPSHOT.jar" ] || "$ROOT/opencpm" build

cleanup() { for p in "${SIPP_PIDS[@]}" ${OPID:-}; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

cpu_ticks() { [ -r /proc/$1/stat ] && awk '{print $14+$15}' /proc/$1/stat || echo 0; }

register() { # user contact_port
  sipp 127.0.0.1:$PORT -sf "$SCEN/pf_register.xml" -t u1 -i 127.0.0.1 -p $REG_PORT -m 1 -s "$1" -nostdin \
    -key domain example.com -key contact_port "$2" -key expires 3600 -timeout 3s -timeout_error >/dev/null 2>&1; }

percentiles() { # rtt csv (Date_ms;response_time_ms;rtd_no) -> p50 p90 p99 max in ms
  awk -F';' 'NR>1 && $2 ~ /^[0-9.]+$/ {print $2}' "$@" 2>/dev/null | sort -n | awk '
    function at(q,  i) { i = int(NR * q); if (i < 1) i = 1; return v[i] }
    { v[NR] = $1 }
    END { if (NR == 0) { print "n/a n/a n/a n/a"; exit }
          printf "%.2f %.2f %.2f %.2f\n", at(0.5), at(0.9), at(0.99), v[NR] }'; }

cumulative() { # "Successful call" | "Failed call" from SIPp's last screen, cumulative column
  grep "$1" "$2" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}'; }

start_uas() { # dir scenario calls pause_ms
  # the callee ignores what it does not expect (a PF re-ACKs every 2xx retransmission, RFC 3261 §13.2.2.4,
  # which may reach SIPp after the BYE); the caller's counts decide success
  (cd "$1" && exec sipp -sf "$SCEN/$2" -t u1 -i 127.0.0.1 -p $UAS_PORT -s bob -m "$3" -d "$4" -nostdin -trace_err \
     -default_behaviors all,-abortunexp \
     -timeout 120s >uas.out 2>&1) &
  UAS_PID=$!; SIPP_PIDS+=("$UAS_PID"); sleep 0.5; }

stop_uas() { kill "$UAS_PID" 2>/dev/null || true; wait "$UAS_PID" 2>/dev/null || true; }

run() { # label scenario uas-scenario rate count pause_ms
  local label=$1 scen=$2 uas=$3 rate=$4 n=$5 pause=$6
  local dir="$WORK/$label-$rate"; mkdir -p "$dir"
  start_uas "$dir" "$uas" "$n" 500
  local before; before=$(cpu_ticks "$OPID")
  set +e
  # SIPp's own -timeout does not always end a run whose calls wait on retransmissions: a wall-clock bound
  (cd "$dir" && timeout -s INT $((n / rate + 60)) sipp 127.0.0.1:$PORT -sf "$SCEN/$scen" -t u1 -i 127.0.0.1 -p $UAC_PORT -s bob -m "$n" \
     -r "$rate" -rp 1000 -l 100000 -nostdin -key caller alice -key caller_domain example.com -key domain example.com \
     -d "$pause" -trace_rtt -rtt_freq 1 -trace_err -timeout $((n / rate + 40))s >uac.out 2>&1)
  local rc=$?
  set -e
  local after; after=$(cpu_ticks "$OPID")
  sleep 0.6
  stop_uas
  sleep 3 # let the transactions of this run end (UDP Timer J/K) before the next one
  local ok failed; ok=$(cumulative 'Successful call' "$dir/uac.out"); failed=$(cumulative 'Failed call' "$dir/uac.out")
  ok=${ok:-?}; failed=${failed:-?}
  local ticks=$((after - before)) us="n/a"
  [ "$ok" != "?" ] && [ "$ok" -gt 0 ] && us=$(awk -v t=$ticks -v hz=$HZ -v n=$ok 'BEGIN{printf "%.0f", t*1e6/hz/n}')
  read -r p50 p90 p99 max < <(percentiles "$dir"/*_rtt.csv)
  printf "%-8s %5s/s %7s %7s %8s %9s %7s %7s %7s %8s  (sipp exit %s)\n" "$label" "$rate" "$ok" "$failed" "$ticks" \
    "$us" "$p50" "$p90" "$p99" "$max" "$rc"
}

live_bytes() { jcmd "$OPID" GC.class_histogram 2>/dev/null > "$WORK/histo-$1.txt"; awk '/^Total/{print $3}' "$WORK/histo-$1.txt"; }
count_of() { awk -v c="$2" '$4 == c {print $2}' "$WORK/histo-$1.txt" | head -1; }

echo "# PF benchmark: 1-1 CPM sessions through orig PF + term PF (B2BUA), $SECONDS_PER_RATE s per rate,"
echo "# CLK_TCK=$HZ, $(nproc) cores, $(date -u +%FT%TZ)"
cat > "$WORK/opencpm.yaml" <<YAML
domain: example.com
listen:
  sip: ["udp:127.0.0.1:$PORT", "tcp:127.0.0.1:$PORT"]
  msrp: "tcp:127.0.0.1:$((PORT + 1))"
data-dir: $WORK/data
participating-function:
  mode: b2bua
  allow-anonymity: true
YAML
OPENCPM_SKIP_BUILD=1 OPENCPM_LOG_LEVEL=WARN "$ROOT/opencpm" server --config "$WORK/opencpm.yaml" >"$WORK/opencpm.log" 2>&1 &
OPID=$!
# the "ready" line is logged at INFO, below the WARN the benchmark runs at: the first REGISTER that
# succeeds says the server is up
up=0
for i in $(seq 1 60); do register bob $UAS_PORT && { up=1; break; }; kill -0 "$OPID" 2>/dev/null || break; sleep 0.5; done
[ $up = 1 ] || { echo "server did not start:"; cat "$WORK/opencpm.log"; exit 1; }
register alice $UAC_PORT

printf "%-8s %7s %7s %7s %8s %9s %7s %7s %7s %8s\n" what rate ok failed cpu_ticks "cpu_us/each" p50_ms p90_ms p99_ms max_ms
run warmup pf_uac_session.xml pf_uas_session.xml "${WARM_RATE:-100}" "${WARM_CALLS:-6000}" "$SESSION_PAUSE_MS" >/dev/null
run warmup pf_uac_message.xml pf_uas_message.xml "${WARM_RATE:-100}" "${WARM_CALLS:-6000}" 0 >/dev/null
for r in $RATES; do
  run session pf_uac_session.xml pf_uas_session.xml "$r" $((r * SECONDS_PER_RATE)) "$SESSION_PAUSE_MS"
done
run pager pf_uac_message.xml pf_uas_message.xml "$PAGER_RATE" $((PAGER_RATE * SECONDS_PER_RATE)) 0

if [ "$HELD" -gt 0 ]; then
  # --- heap per established session: HELD sessions opened at HOLD_RATE and held (caller pause 60 s)
  sleep 2
  base=$(live_bytes base)
  dir="$WORK/held"; mkdir -p "$dir"
  start_uas "$dir" pf_uas_session.xml "$HELD" 500
  (cd "$dir" && exec sipp 127.0.0.1:$PORT -sf "$SCEN/pf_uac_session.xml" -t u1 -i 127.0.0.1 -p $UAC_PORT -s bob \
     -m "$HELD" -r $HOLD_RATE -rp 1000 -l 100000 -nostdin -key caller alice -key caller_domain example.com \
     -key domain example.com -d 60000 -timeout 120s >uac.out 2>&1) &
  HOLD_PID=$!; SIPP_PIDS+=("$HOLD_PID")
  sleep "$(awk -v n=$HELD -v r=$HOLD_RATE 'BEGIN{printf "%.1f", n / r + 1}')"
  held=$(live_bytes held)
  sessions=$(count_of held org.opencpm.server.pf.session.CpmSession); sessions=${sessions:-0}
  kill "$HOLD_PID" 2>/dev/null || true; stop_uas
  echo
  echo "heap: live before ${base} B, with sessions open ${held} B, CpmSession objects alive ${sessions} (2 per call: orig + term)"
  if [ "$sessions" -gt 0 ]; then
    awk -v a="$base" -v b="$held" -v s="$sessions" 'BEGIN{printf "heap per established call (both PF hops): %.0f B; per PF session (legs + relay): %.0f B\n", (b-a)/(s/2), (b-a)/s}'
  fi
fi
echo "# raw output under $WORK"
