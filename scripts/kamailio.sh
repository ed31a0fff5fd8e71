#!/usr/bin/env bash
# Runs the example IMS-like core (deploy/kamailio/kamailio.cfg) for OpenCPM.
#
#   scripts/kamailio.sh start <workdir> <port> <as-host:port> [domain]
#   scripts/kamailio.sh stop  <workdir>
#
# start: installs Debian's kamailio package if missing, renders the configuration into
#   <workdir>/kamailio.cfg (Kamailio on udp+tcp 127.0.0.1:<port>, application server <as-host:port>,
#   served domain [domain], default example.com), checks it, starts Kamailio in the background
#   (pid in <workdir>/kamailio.pid, log in <workdir>/kamailio.log) and waits until it listens.
# stop: stops the Kamailio started in <workdir> (by its pid file) and waits for it to exit.
# Environment: KAMAILIO_IP (default 127.0.0.1) is the listen address; KAMAILIO_USRLOC_TIMER (seconds,
# default 60) how often expired bindings are purged and reported to the AS.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
template="$here/../deploy/kamailio/kamailio.cfg"

usage() {
  echo "usage: $0 start <workdir> <port> <as-host:port> [domain] | stop <workdir>" >&2
  exit 2
}

install_if_missing() {
  [ -x /usr/sbin/kamailio ] && return 0
  echo "kamailio.sh: installing kamailio" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq kamailio >/dev/null
}

listening() { # port: true once both the UDP and the TCP socket are bound
  local port="$1"
  if ! command -v ss >/dev/null 2>&1; then # no iproute2: give Kamailio a second to bind
    sleep 1
    return 0
  fi
  ss -lnu "sport = :$port" 2>/dev/null | grep -q ":$port" && ss -lnt "sport = :$port" 2>/dev/null | grep -q ":$port"
}

stop() {
  local dir="$1" pidfile="$1/kamailio.pid" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

start() {
  local dir="$1" port="$2" as="$3" domain="${4:-example.com}" ip="${KAMAILIO_IP:-127.0.0.1}"
  install_if_missing
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  stop "$dir"
  sed -e "s|^#!substdef \"!CORE_IP!.*|#!substdef \"!CORE_IP!$ip!g\"|" \
      -e "s|^#!substdef \"!CORE_PORT!.*|#!substdef \"!CORE_PORT!$port!g\"|" \
      -e "s|^#!substdef \"!AS_HOSTPORT!.*|#!substdef \"!AS_HOSTPORT!$as!g\"|" \
      -e "s|^#!substdef \"!SERVED_DOMAIN!.*|#!substdef \"!SERVED_DOMAIN!$domain!g\"|" \
      "$template" >"$dir/kamailio.cfg"
  local defs=()
  [ -n "${KAMAILIO_USRLOC_TIMER:-}" ] && defs=(-A "USRLOC_TIMER=$KAMAILIO_USRLOC_TIMER")
  if ! /usr/sbin/kamailio "${defs[@]}" -c -f "$dir/kamailio.cfg" >"$dir/check.log" 2>&1; then
    cat "$dir/check.log" >&2
    echo "kamailio.sh: configuration check failed" >&2
    exit 1
  fi
  # -E: log to stderr (captured in kamailio.log); -DD: stay in the foreground of this background job,
  # so the log is ours and the pid is the main process; -m/-M: shared/private memory in MB.
  nohup /usr/sbin/kamailio "${defs[@]}" -f "$dir/kamailio.cfg" -P "$dir/kamailio.pid" -w "$dir" -E -DD \
    -m 64 -M 8 >"$dir/kamailio.log" 2>&1 </dev/null &
  local pid=$!   # with -DD this is Kamailio's main process; it writes the same pid to kamailio.pid
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$dir/kamailio.log" >&2
      echo "kamailio.sh: kamailio exited during start-up" >&2
      exit 1
    fi
    if listening "$port"; then
      echo "kamailio.sh: kamailio $pid ready on $ip:$port (udp, tcp), AS $as, domain $domain" >&2
      return 0
    fi
    sleep 0.1
  done
  tail -n 40 "$dir/kamailio.log" >&2
  stop "$dir"
  echo "kamailio.sh: kamailio did not listen on port $port within 10 s" >&2
  exit 1
}

case "${1:-}" in
  start) [ $# -ge 4 ] || usage; start "$2" "$3" "$4" "${5:-}" ;;
  stop) [ $# -ge 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
