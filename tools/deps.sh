#!/usr/bin/env bash
# Installs what Exo-OS needs to build and test, if missing. Idempotent. Each failure is one clear line.
set -u
fail() { echo "make deps: $*" >&2; exit 1; }
here=$(cd "$(dirname "$0")/.." && pwd)

"$here/tools/find-jdk.sh" >/dev/null || exit 1
command -v mvn >/dev/null || missing_mvn=maven

# Debian packages: command -> package.
need=()
command -v riscv64-linux-gnu-gcc >/dev/null || need+=(gcc-riscv64-linux-gnu)
[ -f /usr/riscv64-linux-gnu/lib/libc.a ] || need+=(libc6-dev-riscv64-cross)
command -v qemu-riscv64 >/dev/null || need+=(qemu-user)
[ -f /usr/lib/binfmt.d/qemu-riscv64.conf ] || need+=(qemu-user-binfmt)
command -v riscv64-linux-gnu-strip >/dev/null || need+=(binutils-riscv64-linux-gnu)
command -v ld >/dev/null || need+=(binutils)
command -v make >/dev/null || need+=(make)
command -v tar >/dev/null || need+=(tar)
command -v dpkg-source >/dev/null || need+=(dpkg-dev)
command -v xz >/dev/null || need+=(xz-utils)
command -v flock >/dev/null || need+=(util-linux)
command -v tmux >/dev/null || need+=(tmux)
[ -d /usr/riscv64-linux-gnu/include/linux ] || need+=(linux-libc-dev-riscv64-cross)
[ -n "${missing_mvn:-}" ] && need+=(maven)
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || fail "missing ${need[*]} and no apt-get to install them"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "missing ${need[*]}: run as root or install sudo"
    sudo=sudo
  fi
  echo "make deps: installing ${need[*]}" >&2
  $sudo apt-get update -q >/dev/null 2>&1 || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
    || fail "apt-get install ${need[*]} failed"
fi

# qemu-riscv64 through binfmt_misc, so a reference run can exec riscv64 programs; tests skip without it.
"$here/tools/qemu-binfmt.sh" || true

# musl for riscv64, cross-built from Debian's source package into the cache.
"$here/tools/musl.sh" >/dev/null || fail "could not build musl for riscv64 (see the lines above)"
