#!/usr/bin/env bash
# A private Dovecot instance as the CPM Message Storage Server (IMAP + METADATA + UIDPLUS) on loopback.
#
#   scripts/dovecot.sh start DIR PORT [PASSWORD]   writes DIR/dovecot.conf, starts Dovecot in the background
#                                                  (pid in DIR/run/master.pid), waits until PORT answers
#   scripts/dovecot.sh run   DIR PORT [PASSWORD]   the same in the foreground (Ctrl-C stops it)
#   scripts/dovecot.sh stop  DIR                   stops the instance started from DIR
#
# Any user (the CPM address without its scheme, e.g. alice@example.com) logs in with PASSWORD (default
# "secret"); mail lives in DIR/mail. Installs dovecot-imapd from Debian if missing. Runs as root (Dovecot's
# master needs it to switch to the dovecot user); uses sudo otherwise.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|run DIR PORT [PASSWORD] | stop DIR" >&2; exit 2
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
here=$(cd "$(dirname "$0")/.." && pwd)
template="$here/it/src/test/resources/dovecot/dovecot.conf.template"

install_if_missing() {
  if ! command -v dovecot >/dev/null 2>&1 || [ ! -e /usr/lib/dovecot/imap ]; then
    echo "dovecot.sh: installing dovecot-imapd" >&2
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dovecot-imapd >/dev/null
  fi
}

configure() {
  local port=$1 password=$2
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  $SUDO mkdir -p "$dir/run" "$dir/state" "$dir/mail"
  $SUDO chown dovecot:dovecot "$dir/mail"
  # the dovecot user must reach DIR/mail even when DIR is a private temporary directory
  $SUDO chmod a+x "$dir"
  sed -e "s#@DIR@#$dir#g" -e "s#@PORT@#$port#g" -e "s#@PASSWORD@#$password#g" "$template" > "$dir/dovecot.conf"
}

wait_for_port() {
  local port=$1
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "dovecot.sh: nothing answers on 127.0.0.1:$port; see $dir/dovecot.log" >&2
  return 1
}

case "$cmd" in
  start|run)
    port=${3:?PORT}; password=${4:-secret}
    install_if_missing
    configure "$port" "$password"
    if [ "$cmd" = run ]; then exec $SUDO dovecot -F -c "$dir/dovecot.conf"; fi
    # the daemon must not keep the caller's stdout open (a test reading it would wait forever)
    $SUDO dovecot -c "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.out" 2>&1
    wait_for_port "$port"
    echo "dovecot.sh: Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$port, pid $(cat "$dir/run/master.pid")" >&2
    ;;
  stop)
    dir=$(cd "$dir" && pwd)
    pidfile="$dir/run/master.pid"
    if [ ! -s "$pidfile" ]; then echo "dovecot.sh: not running ($pidfile missing)" >&2; exit 0; fi
    pid=$(cat "$pidfile")
    # imap processes outlive their master; they share its session id, so end the whole session
    session() { ps -eo pid=,sid= | awk -v s="$pid" '$2 == s { print $1 }'; }
    $SUDO kill $(session) 2>/dev/null || true
    for _ in $(seq 1 100); do
      [ -z "$(session)" ] && { rm -f "$pidfile"; exit 0; }
      sleep 0.1
    done
    echo "dovecot.sh: session $pid did not stop; killing it" >&2
    $SUDO kill -9 $(session) 2>/dev/null || true
    rm -f "$pidfile"
    ;;
  *)
    echo "usage: $0 start|run DIR PORT [PASSWORD] | stop DIR" >&2; exit 2 ;;
esac
