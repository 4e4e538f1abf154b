#!/bin/sh
# Publishes citybrain-edge for a 64-bit Raspberry Pi (linux-arm64) with Native AOT from an x64 Debian/Ubuntu machine:
# one native executable, no .NET on the Pi. Native AOT links with the target's toolchain, so the cross linker and
# arm64 libraries come from Debian's packages (installed here when missing; needs sudo or root).
# Usage: edge/publish-arm64.sh [output directory, default out/citybrain-edge]
set -eu
out="${1:-out/citybrain-edge}"
here="$(cd "$(dirname "$0")" && pwd)"
packages="clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing the arm64 cross toolchain:$missing"
  $sudo apt-get update -qq
  $sudo apt-get install -y --no-install-recommends $missing
fi
# The native build of an x64 machine needs the arm64 linker named for it (ObjCopyName for stripping symbols).
dotnet publish "$here/CityBrain.Edge" -c Release -r linux-arm64 -p:PublishAot=true \
  -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy -o "$out"
echo "Published $(du -h "$out/citybrain-edge" | cut -f1) to $out/citybrain-edge (copy the directory to the Pi: scp -r $out pi@gateway:/tmp/)"
