#!/usr/bin/env bash
# Cross-builds busybox for riscv64, static against musl, from Debian's `busybox` source package,
# into the cache: $cache/busybox-riscv64/{busybox, busybox.links, busybox.config, busybox.unstripped}.
# The configuration is busybox's defconfig with boot/src/main/userland/busybox.config on top.
# Prints the binary's path on stdout; idempotent: rebuilt only when that fragment or this script changes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cache="${EXO_CACHE:-$HOME/.cache/exo-os}"
out="$cache/busybox-riscv64"
fragment="$repo/boot/src/main/userland/busybox.config"
# Applets the userland relies on: the build fails, rather than the boot, if one goes missing.
required="sh ash ls cat cp mv rm mkdir rmdir ln chmod chown touch echo printf test head tail wc sort uniq cut tr tee
  dd df du date grep sed awk find xargs tar gzip gunzip ps top free kill mount umount vi less md5sum sha256sum
  init poweroff halt reboot sleep clear reset stty hostname uname env id whoami"

[ -f "$fragment" ] || { echo "busybox.sh: $fragment is missing" >&2; exit 1; }
inputs="$(cat "$fragment" "$here/busybox.sh" | sha256sum | cut -d' ' -f1)"
done_() { [ -x "$out/busybox" ] && [ -f "$out/busybox.links" ] && [ "$(cat "$out/inputs.sha256" 2>/dev/null)" = "$inputs" ]; }
if done_; then echo "$out/busybox"; exit 0; fi
# One build at a time; the loser finds it done.
mkdir -p "$out"
exec 9>"$cache/.busybox.lock"
flock 9
if done_; then echo "$out/busybox"; exit 0; fi
command -v riscv64-linux-gnu-gcc >/dev/null || { echo "busybox.sh: riscv64-linux-gnu-gcc is missing (run make deps)" >&2; exit 1; }
started=$SECONDS

musl="$("$here/musl.sh")"
# busybox includes Linux's UAPI headers (<linux/*.h>, <asm/*.h>, <mtd/*.h>...). Expose only those to the
# musl build, through a directory of links to the kernel-only header directories of
# linux-libc-dev-riscv64-cross; glibc's headers, which live beside them, stay out of sight.
uapi=/usr/riscv64-linux-gnu/include
kpkg=linux-libc-dev-riscv64-cross
[ -d "$uapi/linux" ] && dpkg -L "$kpkg" >/dev/null 2>&1 \
  || { echo "busybox.sh: Linux's riscv64 UAPI headers are missing (run make deps: package $kpkg)" >&2; exit 1; }
kinc="$out/kernel-include"
rm -rf "$kinc"; mkdir -p "$kinc"
for d in $(dpkg -L "$kpkg" | sed -n "s|^$uapi/\([^/]*\)\$|\1|p"); do
  [ -d "$uapi/$d" ] || continue
  # A directory glibc shares (scsi/) is left out: musl has its own headers there.
  [ "$(dpkg -S "$uapi/$d" | cut -d: -f1)" = "$kpkg" ] && ln -s "$uapi/$d" "$kinc/$d"
done

src="$("$here/debian-source.sh" busybox "$cache/src")"
cd "$src"
cc="riscv64-linux-gnu-gcc -specs $musl/lib/musl-gcc.specs -idirafter $kinc"
mk=(make CROSS_COMPILE=riscv64-linux-gnu- "CC=$cc")
echo "busybox.sh: configuring busybox ${src##*/busybox-} (defconfig + ${fragment#"$repo"/})" >&2
"${mk[@]}" defconfig >/dev/null
# The fragment's lines replace defconfig's lines for the same options.
options="$(sed -nE 's/^(CONFIG_[A-Za-z0-9_]+)=.*/\1/p; s/^# (CONFIG_[A-Za-z0-9_]+) is not set$/\1/p' "$fragment")"
for o in $options; do sed -i -E "/^(# )?$o[= ]/d" .config; done
grep -E '^CONFIG_[A-Za-z0-9_]+=|^# CONFIG_[A-Za-z0-9_]+ is not set$' "$fragment" >> .config
"${mk[@]}" oldconfig < <(yes "") >/dev/null
lost="$(grep -E '^CONFIG_[A-Za-z0-9_]+=|^# CONFIG_[A-Za-z0-9_]+ is not set$' "$fragment" | grep -vxFf .config || true)"
[ -z "$lost" ] || { echo "busybox.sh: make oldconfig overrode these lines of the fragment (a dependency?):" >&2; echo "$lost" >&2; exit 1; }

echo "busybox.sh: building busybox for riscv64 (musl, static)" >&2
# The compiler's chatter goes to a log; its tail is shown if the build fails.
nice "${mk[@]}" -j"$(nproc)" > "$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; echo "busybox.sh: the build failed (log: $out/build.log)" >&2; exit 1; }
"${mk[@]}" busybox.links >/dev/null
missing=""
for a in $required; do grep -qE "/$a\$" busybox.links || missing="$missing $a"; done
[ -z "$missing" ] || { echo "busybox.sh: the build lacks required applets:$missing" >&2; exit 1; }

# Publish atomically enough: the stamp is written last, so an interrupted copy is rebuilt.
rm -f "$out/inputs.sha256"
cp busybox "$out/busybox.tmp" && mv -f "$out/busybox.tmp" "$out/busybox"
cp busybox_unstripped "$out/busybox.unstripped"
cp busybox.links "$out/busybox.links"
cp .config "$out/busybox.config"
echo "$inputs" > "$out/inputs.sha256"
echo "busybox.sh: built $out/busybox ($(stat -c %s "$out/busybox") bytes) in $((SECONDS - started)) s" >&2
echo "$out/busybox"
