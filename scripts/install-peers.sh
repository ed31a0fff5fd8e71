#!/usr/bin/env bash
# Installs the real peers the integration tests drive, from Debian's packages, if missing:
#   sipp (package sip-tester)         SIP load and scenario tool
#   dovecot (package dovecot-imapd)   the IMAP CPM Message Store of the Dovecot tests
set -euo pipefail
need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd)
[ -x /usr/sbin/kamailio ] || need+=(kamailio)   # the example IMS core, deploy/kamailio (scripts/kamailio.sh)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-peers: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v sipp >/dev/null && echo "install-peers: sipp $(sipp -v 2>&1 | grep -oE 'v[0-9.]+' | head -1) ready" >&2
