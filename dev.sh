#!/usr/bin/env bash
# Developer entry point: installs missing Debian packages, builds, runs, tests, benchmarks and packages
# Tessera. `./dev.sh help` lists the commands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly PACKAGE_LIST="${ROOT}/packaging/debian-packages.txt"
readonly BUILD_DIR="${ROOT}/build"
JOBS="$(nproc)"
readonly JOBS

cd "${ROOT}"

usage() {
    cat <<EOF
Usage: ./dev.sh COMMAND [ARGS...]

Commands:
  deps       install the missing packages listed in packaging/debian-packages.txt
  build      configure and build (preset "default", into build/)
  run [ARGS] deps + build, then start the GUI (build/app/tessera ARGS)
  test       deps + build, then run the whole test suite (GUI tests offscreen)
  sanitize   deps, then build and test core and CLI with ASan + UBSan (into build-sanitize/)
  fuzz [SECONDS]
             deps, then build the libFuzzer targets with clang (into build-fuzz/) and run each
             for SECONDS (default 30) from the seeds in fuzz/corpus and tests/data/jose
  bench      deps + build, then run every build/bench/bench_* program
  package    deps + build, then make build/tessera_<version>_<arch>.deb with CPack
  format     rewrite the C++ sources with clang-format
  help       show this text
EOF
}

log() {
    printf '==> %s\n' "$*" >&2
}

# Package names from the list, without comments or blank lines.
listed_packages() {
    sed -e 's/#.*//' "${PACKAGE_LIST}" | awk 'NF { print $1 }'
}

cmd_deps() {
    local -a wanted missing=()
    mapfile -t wanted < <(listed_packages)

    # One dpkg-query call for all packages keeps the "nothing to do" case fast.
    # dpkg-query fails when any name is unknown to dpkg; the names it does know are still printed.
    local installed
    installed="$({ dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true; } |
        awk '$2 == "installed" { print $1 }' | sort -u)"
    local pkg
    for pkg in "${wanted[@]}"; do
        if ! grep -qxF -- "${pkg}" <<<"${installed}"; then
            missing+=("${pkg}")
        fi
    done

    if ((${#missing[@]} == 0)); then
        log "All ${#wanted[@]} packages from packaging/debian-packages.txt are installed."
        return 0
    fi

    log "Installing missing packages: ${missing[*]}"
    local -a sudo=()
    if ((EUID != 0)); then
        if ! command -v sudo >/dev/null; then
            echo "dev.sh: not root and sudo is not available; install as root: apt-get install ${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

cmd_build() {
    cmake --preset default
    cmake --build --preset default --parallel "${JOBS}"
}

cmd_run() {
    cmd_deps
    cmd_build
    exec "${BUILD_DIR}/app/tessera" "$@"
}

cmd_test() {
    cmd_deps
    cmd_build
    ctest --preset default
}

cmd_sanitize() {
    cmd_deps
    cmake --preset sanitize
    cmake --build --preset sanitize --parallel "${JOBS}"
    ctest --preset sanitize
}

cmd_fuzz() {
    local seconds="${1:-30}"
    if ! [[ "${seconds}" =~ ^[0-9]+$ ]] || ((seconds == 0)); then
        echo "dev.sh: fuzz takes a whole number of seconds, not '${seconds}'" >&2
        exit 2
    fi
    cmd_deps
    cmake --preset fuzz
    cmake --build --preset fuzz --parallel "${JOBS}"
    local target corpus
    for target in token_parser key_import; do
        # New inputs go to a scratch corpus in the build tree; the seeds in the source tree stay
        # as committed. A finding leaves crash-*/leak-*/timeout-* files in build-fuzz/findings.
        corpus="build-fuzz/corpus/${target}"
        mkdir -p "${corpus}" build-fuzz/findings
        log "fuzz_${target} for ${seconds} s"
        "build-fuzz/fuzz/fuzz_${target}" -max_total_time="${seconds}" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix=build-fuzz/findings/ \
            -dict="fuzz/${target%%_*}.dict" \
            "${corpus}" "fuzz/corpus/${target%%_*}" tests/data/jose
    done
}

cmd_bench() {
    cmd_deps
    cmd_build
    # Benchmarks that open a window need no display.
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    local -a benches=()
    local candidate
    for candidate in "${BUILD_DIR}"/bench/bench_*; do
        if [[ -f "${candidate}" && -x "${candidate}" ]]; then
            benches+=("${candidate}")
        fi
    done
    if ((${#benches[@]} == 0)); then
        echo "dev.sh: no benchmark programs found in ${BUILD_DIR}/bench" >&2
        exit 1
    fi
    local bench
    for bench in "${benches[@]}"; do
        log "${bench#"${ROOT}/"}"
        "${bench}"
    done
}

cmd_package() {
    cmd_deps
    cmd_build
    (cd "${BUILD_DIR}" && cpack -G DEB)
    log "Install with: sudo apt-get install ./build/tessera_*.deb"
}

cmd_format() {
    cmd_deps
    cmake --preset default
    cmake --build --preset default --target format
}

main() {
    local command="${1:-help}"
    if (($# > 0)); then
        shift
    fi
    case "${command}" in
    deps) cmd_deps ;;
    build) cmd_build ;;
    run) cmd_run "$@" ;;
    test) cmd_test ;;
    sanitize) cmd_sanitize ;;
    fuzz) cmd_fuzz "$@" ;;
    bench) cmd_bench ;;
    package) cmd_package ;;
    format) cmd_format ;;
    help | -h | --help) usage ;;
    *)
        echo "dev.sh: unknown command '${command}'" >&2
        usage >&2
        exit 2
        ;;
    esac
}

main "$@"
