#!/usr/bin/env bash
# Prepares a machine for ./test.sh beyond the .NET SDK: the dashboard's browser tests drive
# Debian's Chromium at /usr/bin/chromium through Microsoft.Playwright (Playwright's own browser
# download is never used). A quick no-op when Chromium is already there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  sudo=sudo
else
  sudo=
fi

echo "installing Debian's chromium for the dashboard's browser tests"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale or missing on a fresh machine: update only when the install fails.
if ! $sudo apt-get install -y -q chromium; then
  $sudo apt-get update -q
  $sudo apt-get install -y -q chromium
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "apt-get installed chromium, but /usr/bin/chromium is still missing" >&2
  exit 1
fi
