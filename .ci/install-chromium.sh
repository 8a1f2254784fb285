#!/usr/bin/env bash
# Installs Debian's Chromium and a CJK font for tests/browser/ (Playwright drives it; no browser can be
# downloaded at run time on these machines, so `playwright install` is not used).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null; then
  apt-get update
  apt-get install -y chromium fonts-wqy-microhei
fi
chromium --version
