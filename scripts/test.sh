#!/usr/bin/env bash
# `npm test`: installs what the tests need (npm packages; Debian packages when missing),
# type-checks, then runs every test under tests/ with Node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests drive: Chromium (browser tests), CJK fonts (screenshots),
# feedparser and newsboat (two real feed readers), xmllint, GNU time (benchmarks), hugo (the
# oracle for URLs and heading ids), epubcheck (books).
packages=(chromium fonts-noto-cjk python3-feedparser newsboat libxml2-utils time hugo epubcheck)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "[test] installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[test] missing Debian packages: ${missing[*]}" >&2
    echo "[test] run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

node scripts/ensure-packages.mjs

echo "[test] tsc --noEmit"
npx tsc --noEmit

# Tests reach no network: remote images may come only from 127.0.0.1 servers the tests start.
export WENJI_OFFLINE=1

mapfile -t files < <(find tests -name '*.test.ts' -not -path '*/fixtures/*' | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "[test] no test files found" >&2
  exit 1
fi
exec node --import tsx --test --test-reporter=spec "${files[@]}"
