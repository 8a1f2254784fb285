#!/usr/bin/env bash
# Installs Kannel 1.4.5 (bearerbox, smsbox; kannel-extras for the fake SMSC) for tests/sms/, and keeps the
# Debian service from starting: the tests run their own boxes on free loopback ports with a generated config.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y kannel kannel-extras
# The package's init script would start bearerbox/wapbox on the default ports; the tests must own them.
if command -v invoke-rc.d >/dev/null && [ -x /etc/init.d/kannel ]; then
  invoke-rc.d kannel stop >/dev/null 2>&1 || true
fi
update-rc.d kannel disable >/dev/null 2>&1 || true
test -x /usr/sbin/bearerbox && test -x /usr/sbin/smsbox && test -x /usr/lib/kannel/test/fakesmsc
