#!/usr/bin/env bash
# Builds Exo-OS's userland (what `make userland` runs): busybox (tools/busybox.sh), the musl and
# glibc hello worlds, and a root filesystem assembled from them and boot/src/main/userland/etc/,
# packed as a cpio (newc) archive the way Linux's initramfs is. Everything goes to the cache:
#   $cache/userland/rootfs           the tree
#   $cache/userland/initramfs.cpio   the archive, owners root:root
# Prints the archive's path on stdout; idempotent: repacked only when an input changed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cache="${EXO_CACHE:-$HOME/.cache/exo-os}"
out="$cache/userland"
etc="$repo/boot/src/main/userland/etc"
archive="$out/initramfs.cpio"
java="$("$here/find-jdk.sh")/bin/java"

busybox="$("$here/busybox.sh")"
links="$(dirname "$busybox")/busybox.links"
mkdir -p "$out"
hello="$repo/integration-tests/src/test/c/hello.c"
"$here/riscv-cc.sh" musl "$out/hello-musl" "$hello"
"$here/riscv-cc.sh" glibc "$out/hello-glibc" "$hello"

# The inputs: every file that goes into the archive, the tree's layout (this script), and names.
inputs="$({ (cd "$etc" && find . -type f | LC_ALL=C sort | xargs sha256sum)
             sha256sum "$busybox" "$links" "$out/hello-musl" "$out/hello-glibc" "$here/userland.sh" "$here/newc/NewcPack.java" | cut -d' ' -f1
           } | sha256sum | cut -d' ' -f1)"
if [ -f "$archive" ] && [ "$(cat "$out/inputs.sha256" 2>/dev/null)" = "$inputs" ]; then echo "$archive"; exit 0; fi
exec 9>"$cache/.userland.lock"
flock 9
if [ -f "$archive" ] && [ "$(cat "$out/inputs.sha256" 2>/dev/null)" = "$inputs" ]; then echo "$archive"; exit 0; fi

tree="$out/rootfs.tmp"
rm -rf "$tree"
mkdir -p "$tree"
cd "$tree"
mkdir -p bin sbin usr/bin usr/sbin etc home proc dev sys mnt var/log run root tmp
chmod 755 . bin sbin usr usr/bin usr/sbin etc home proc dev sys mnt var var/log run
chmod 700 root
chmod 1777 tmp
install -m 755 "$busybox" bin/busybox
# One link per applet, where busybox's own `make install` would put it (busybox.links).
while read -r path; do
  [ "$path" = /bin/busybox ] && continue
  mkdir -p "./${path%/*}"
  ln -s /bin/busybox "./$path"
done < "$links"
# Linux's initramfs convention: the kernel runs /init.
ln -s /bin/busybox init
install -m 755 "$out/hello-musl" usr/bin/hello-musl
install -m 755 "$out/hello-glibc" usr/bin/hello-glibc
# /etc from the committed files; scripts are executable whatever the checkout's modes.
(cd "$etc" && find . -type d) | while read -r d; do install -d -m 755 "etc/$d"; done
(cd "$etc" && find . -type f) | while read -r f; do
  case "$f" in ./init.d/*) mode=755 ;; *) mode=644 ;; esac
  install -m "$mode" "$etc/$f" "etc/$f"
done

# Pack: parents before children, every file owned by root (with the JDK: no cpio package needed).
cd "$out"
"$java" "$here/newc/NewcPack.java" rootfs.tmp "$archive.tmp" 2>"$out/pack.log" \
  || { cat "$out/pack.log" >&2; echo "userland.sh: packing the archive failed" >&2; exit 1; }
rm -rf rootfs
mv rootfs.tmp rootfs
mv -f "$archive.tmp" "$archive"
echo "$inputs" > "$out/inputs.sha256"
echo "userland.sh: packed $archive ($(sed -n 's/^NewcPack: //p' "$out/pack.log"))" >&2
echo "$archive"
