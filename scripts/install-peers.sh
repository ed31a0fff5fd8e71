#!/usr/bin/env bash
# Installs the real peers the integration tests drive, from Debian's packages, if missing:
#   sipp (package sip-tester)         SIP load and scenario tool
#   dovecot (package dovecot-imapd)   the IMAP CPM Message Store of the Dovecot tests
#   kamailio                          the example IMS core (deploy/kamailio, scripts/kamailio.sh)
# The tests start each peer themselves on free loopback ports; the packages' own system services are kept
# from starting during the install (Debian's policy-rc.d), so nothing else holds 5060 or 143.
set -euo pipefail
need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd)
[ -x /usr/sbin/kamailio ] || need+=(kamailio)
if [ ${#need[@]} -gt 0 ]; then
  echo "install-peers: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  if [ -n "$own_policy" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
fi
command -v sipp >/dev/null && echo "install-peers: sipp $(sipp -v 2>&1 | grep -oE 'v[0-9.]+' | head -1) ready" >&2
