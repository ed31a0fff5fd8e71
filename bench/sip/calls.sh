#!/usr/bin/env bash
# SIP call benchmark (issue 2): calls INVITE/180/200/ACK/BYE/200 between two registered SIPp users
# through the registrar+proxy at fixed rates, for OpenCPM's embedded SIP/IP core and for Kamailio
# doing the same job on the same machine. Prints, per rate: calls, failed calls, server CPU-µs per call
# (utime+stime of the server's processes from /proc), SIPp's INVITE->200 response-time percentiles,
# and the OpenCPM/Kamailio CPU ratio (absolute times drift on a shared machine; the ratio less so).
#
# usage: bench/sip/calls.sh [RATES] [SECONDS]      default: "200 400 800" 10
# needs: sipp (sip-tester), kamailio (installed here if missing), the built project (./opencpm build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RATES="${1:-200 400 800}"
SECONDS_PER_RATE="${2:-10}"
SYSTEMS="${SYSTEMS:-opencpm kamailio}"   # which systems to run, e.g. SYSTEMS=opencpm
WORK="$(mktemp -d /tmp/opencpm-bench-XXXX)"
SCEN="$ROOT/it/src/test/resources/sipp"
PORT=25060; UAS_PORT=25072; UAC_PORT=25071; REG_PORT=25073
HZ=$(getconf CLK_TCK)

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need sipp sip-tester
need kamailio kamailio
[ -f "$ROOT/dist/target/opencpm-dist-0.1.0-SNAPSHOT.jar" ] || "$ROOT/opencpm" build

cpu_ticks() { # sum of utime+stime over the given pids
  local t=0; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }

register() { # user contact_port
  sipp 127.0.0.1:$PORT -sf "$SCEN/register.xml" -t u1 -i 127.0.0.1 -p $REG_PORT -m 1 -s "$1" -nostdin \
    -key domain example.com -key contact_port "$2" -key expires 3600 -timeout 10s -timeout_error >/dev/null 2>&1; }

percentiles() { # rtt csv (Date_ms;response_time_ms;rtd_no) -> p50 p90 p99 max in ms
  awk -F';' 'NR>1 && $2 ~ /^[0-9.]+$/ {print $2}' "$@" 2>/dev/null | sort -n | awk '
    function at(q,  i) { i = int(NR * q); if (i < 1) i = 1; return v[i] }
    { v[NR] = $1 }
    END { if (NR == 0) { print "n/a n/a n/a n/a"; exit }
          printf "%.2f %.2f %.2f %.2f\n", at(0.5), at(0.9), at(0.99), v[NR] }'; }

run_rate() { # label rate seconds pids...
  local label=$1 rate=$2 secs=$3; shift 3
  local calls=$((rate * secs))
  local dir="$WORK/$label-$rate"; mkdir -p "$dir"
  # the callee is killed after the run; a generous call limit keeps stray late messages of the previous
  # run (which SIPp counts as calls) from making it exit before the last INVITE
  (cd "$dir" && sipp -sf "$SCEN/uas.xml" -t u1 -i 127.0.0.1 -p $UAS_PORT -s bob -m $((calls * 2)) -nostdin \
     -timeout $((secs + 40))s >uas.out 2>&1 &) 
  sleep 0.5
  local before; before=$(cpu_ticks "$@")
  local start; start=$(date +%s.%N)
  set +e
  (cd "$dir" && sipp 127.0.0.1:$PORT -sf "$SCEN/uac.xml" -t u1 -i 127.0.0.1 -p $UAC_PORT -s bob -m $calls \
     -r $rate -rp 1000 -l 100000 -nostdin -key caller alice -key domain example.com -d 0 \
     -trace_rtt -rtt_freq 1 -trace_stat -fd 1 -timeout $((secs + 30))s >uac.out 2>&1)
  local rc=$?
  set -e
  local after; after=$(cpu_ticks "$@")
  sleep 1
  pkill -f "sipp -sf $SCEN/uas.xml" 2>/dev/null || true
  # SIPp's last screen: "Successful call | <periodic> | <cumulative>"
  local failed; failed=$(grep 'Failed call' "$dir/uac.out" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  local successful; successful=$(grep 'Successful call' "$dir/uac.out" 2>/dev/null | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  failed=${failed:-?}; successful=${successful:-?}
  local ticks=$((after - before))
  local us_per_call="n/a"
  [ "$successful" != "?" ] && [ "$successful" -gt 0 ] && us_per_call=$(awk -v t=$ticks -v hz=$HZ -v n=$successful 'BEGIN{printf "%.0f", t*1e6/hz/n}')
  read -r p50 p90 p99 max < <(percentiles "$dir"/uac_*_rtt.csv)
  printf "%-9s %5s/s %7s %7s %8s %9s %7s %7s %7s %8s  (sipp exit %s)\n" "$label" "$rate" "$successful" "$failed" "$ticks" "$us_per_call" "$p50" "$p90" "$p99" "$max" "$rc"
  echo "$us_per_call" > "$dir/us"
}

bench_system() { # label start-command-fn pids-fn
  local label=$1
  register bob $UAS_PORT
  register alice $UAC_PORT
  # warm-up (JIT) at a moderate rate, not measured
  run_rate "$label-warm" 400 15 "${PIDS[@]}" >/dev/null
  for r in $RATES; do run_rate "$label" "$r" "$SECONDS_PER_RATE" "${PIDS[@]}"; done
}

header() { printf "%-9s %7s %7s %7s %8s %9s %7s %7s %7s %8s\n" system rate ok failed cpu_ticks "cpu_us/call" p50_ms p90_ms p99_ms max_ms; }

echo "# SIP call benchmark: $SECONDS_PER_RATE s per rate, CLK_TCK=$HZ, $(nproc) cores, $(date -u +%FT%TZ)"
header
# --- OpenCPM
if [[ " $SYSTEMS " == *" opencpm "* ]]; then
cat > "$WORK/opencpm.yaml" <<YAML
domain: example.com
listen:
  sip: ["udp:127.0.0.1:$PORT", "tcp:127.0.0.1:$PORT"]
  msrp: "tcp:127.0.0.1:$((PORT + 1))"
data-dir: $WORK/data
YAML
OPENCPM_SKIP_BUILD=1 OPENCPM_LOG_LEVEL=WARN "$ROOT/opencpm" server --config "$WORK/opencpm.yaml" >"$WORK/opencpm.log" 2>&1 &
for i in $(seq 1 100); do grep -q ready "$WORK/opencpm.log" 2>/dev/null && break; sleep 0.2; done
OPID=$(pgrep -f "org.opencpm.launcher.Opencpm server --config $WORK/opencpm.yaml" | head -1)
PIDS=("$OPID")
bench_system opencpm
kill "$OPID"; wait 2>/dev/null || true
fi
# --- Kamailio
if [[ " $SYSTEMS " == *" kamailio "* ]]; then
sed "s/@PORT@/$PORT/g" "$ROOT/bench/sip/kamailio-proxy.cfg" > "$WORK/kamailio.cfg"
kamailio -f "$WORK/kamailio.cfg" -P "$WORK/kamailio.pid" -w "$WORK" -m 256 -M 32 -E >"$WORK/kamailio.log" 2>&1
sleep 1
KPG=$(ps -o pgid= -p "$(cat "$WORK/kamailio.pid")" | tr -d ' ')
mapfile -t PIDS < <(pgrep -g "$KPG")
bench_system kamailio
kill "$(cat "$WORK/kamailio.pid")" 2>/dev/null || true
fi
echo
echo "# CPU ratio OpenCPM/Kamailio per rate (lower is better for OpenCPM):"
for r in $RATES; do
  o=$(cat "$WORK/opencpm-$r/us" 2>/dev/null || echo n/a); k=$(cat "$WORK/kamailio-$r/us" 2>/dev/null || echo n/a)
  ratio=$(awk -v o="$o" -v k="$k" 'BEGIN{ if (o+0>0 && k+0>0) printf "%.2f", o/k; else print "n/a"}')
  echo "  $r/s: opencpm $o us/call, kamailio $k us/call, ratio $ratio"
done
echo "# raw output under $WORK"
