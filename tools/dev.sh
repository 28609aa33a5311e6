#!/usr/bin/env bash
# The README's quick start: `tools/dev.sh up` builds and runs the main job, `tools/dev.sh test` builds and runs
# every test. Both install missing Debian packages first (as root, or through sudo) and build incrementally.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$repo/build"

# Build and test dependencies, all from Debian 12. awscli is the v2 CLI the end-to-end tests use beside the
# machine image's v1 CLI; wrk drives the benchmarks only; libgoogle-perftools-dev brings tcmalloc, the ecsemu
# executable's allocator.
packages=(build-essential cmake ninja-build ccache pkg-config libboost-dev nlohmann-json3-dev libc-ares-dev
          zlib1g-dev catch2 libssl-dev libgoogle-perftools-dev python3 python3-boto3 awscli wrk)
# The ALB benchmark's peers. Not installed for `up`/`test`: Debian starts their services on install.
bench_packages=(nginx-light haproxy)

install_missing_packages() {
    local missing=()
    for p in "${packages[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "ecsemu: installing Debian packages: ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    cmake --preset default -S "$repo" >/dev/null
    cmake --build --preset default
}

usage() {
    echo "usage: tools/dev.sh up [ecsemu up args...] | test [ctest args...] | bench" >&2
    exit 2
}

[ $# -ge 1 ] || usage
command=$1
shift
case "$command" in
up)
    install_missing_packages
    build
    cd "$repo"
    exec "$build_dir/bin/ecsemu" up scenarios/ielts.json "$@"
    ;;
test)
    install_missing_packages
    build
    cd "$repo"
    exec ctest --preset default "$@"
    ;;
bench)
    install_missing_packages "${bench_packages[@]}"
    # The packages' own services are not wanted: the benchmark runs its own instances on loopback ports.
    for service in nginx haproxy; do service "$service" stop >/dev/null 2>&1 || true; done
    build
    cd "$repo"
    python3 tools/bench/api_bench.py
    python3 tools/bench/stub_tasks_bench.py
    python3 tools/bench/up_bench.py
    exec python3 tools/bench/alb_bench.py --driver "$build_dir/bin/alb_bench_driver"
    ;;
*) usage ;;
esac
