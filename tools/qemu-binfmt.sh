#!/usr/bin/env bash
# Lets this host execve riscv64 ELF programs through qemu-riscv64 (binfmt_misc), so that a program run under
# qemu-riscv64 can exec another riscv64 program (busybox ash running an applet, `sh -c`), as the reference
# runs of the integration tests need. Idempotent: it mounts binfmt_misc if needed and registers qemu-riscv64
# from the qemu-user-binfmt package's line if not registered. If it cannot, it prints one line and exits 1.
set -u
dir=/proc/sys/fs/binfmt_misc
conf=${QEMU_BINFMT_CONF:-/usr/lib/binfmt.d/qemu-riscv64.conf}
cannot() { echo "qemu-binfmt: cannot run riscv64 programs through qemu-riscv64: $*" >&2; exit 1; }

if [ -f "$dir/qemu-riscv64" ]; then
  head -1 "$dir/qemu-riscv64" | grep -qx enabled && exit 0
  { echo 1 > "$dir/qemu-riscv64"; } 2>/dev/null || cannot "its binfmt_misc entry is disabled and we may not enable it"
  exit 0
fi
[ -f "$conf" ] || cannot "no $conf (install the qemu-user-binfmt package)"
if [ ! -e "$dir/register" ]; then
  [ "$(id -u)" -eq 0 ] || cannot "binfmt_misc is not mounted on $dir and we are not root"
  mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null || cannot "mount -t binfmt_misc on $dir failed"
fi
[ -w "$dir/register" ] || cannot "$dir/register is not writable (not root?)"
# The line is :name:type:offset:magic:mask:interpreter:flags, its \x escapes decoded by the kernel itself.
line=$(grep -v '^[[:space:]]*#' "$conf" | grep -m1 '^:qemu-riscv64:')
[ -n "$line" ] || cannot "no :qemu-riscv64: line in $conf"
interpreter=$(printf '%s' "$line" | cut -d: -f7)
[ -x "$interpreter" ] || cannot "its interpreter $interpreter is missing"
{ printf '%s' "$line" > "$dir/register"; } 2>/dev/null || [ -f "$dir/qemu-riscv64" ] \
  || cannot "writing to $dir/register failed"
