#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and run Palveluhaku.
# Idempotent: skips apt-get when everything is already installed.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail
pkgs=(build-essential cmake pkg-config ccache libxapian-dev libcpp-httplib-dev libicu-dev
      nlohmann-json3-dev catch2 libvoikko-dev voikko-fi libssl-dev zlib1g-dev libbrotli-dev curl
      libtcmalloc-minimal4)  # the indexer's allocator (PALVELUHAKU_INDEXER_TCMALLOC)
if [[ "${1:-}" == "--test" ]]; then
  pkgs+=(chromium nodejs npm clang libclang-rt-14-dev wrk postgresql sqlite3 python3
         python3-psycopg2 python3-xapian python3-jsonschema procps xz-utils)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from outside Debian's packages on a developer machine.
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null; then
  missing=("${missing[@]/npm}")
fi
if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null; then
  missing=("${missing[@]/nodejs}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi
