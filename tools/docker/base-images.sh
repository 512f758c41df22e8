#!/usr/bin/env bash
# Makes the two base images the Dockerfile builds on when no registry can be reached, from Debian and this machine's
# .NET install, and starts a Docker Engine if none answers. Idempotent: images that exist are kept.
#
#   tools/docker/base-images.sh            # prints the two image names on its last line
#
# The Dockerfile's defaults are the official images (mcr.microsoft.com/dotnet/sdk:10.0, aspnet:10.0); where they can
# be pulled, this script is not needed. Here registries are unreachable, so:
#   statecraft-base/sdk:10.0     Debian bookworm (minbase + CA certificates, ICU, OpenSSL) + the whole .NET SDK install
#   statecraft-base/aspnet:10.0  the same Debian + the .NET and ASP.NET Core runtimes only (dotnet, host/, shared/)
# The engine is started with --bridge=none: containers run with --network host on loopback ports (the default bridge
# would hand out private addresses, and tests here only talk to loopback).
set -euo pipefail

SDK_IMAGE=statecraft-base/sdk:10.0
RUNTIME_IMAGE=statecraft-base/aspnet:10.0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"

if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  echo "== installing docker.io and debootstrap" >&2
  # `env`: with no sudo (root) the assignment would come after an empty word and be taken for a command name.
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "== starting dockerd --bridge=none (log: /tmp/statecraft-dockerd.log)" >&2
  $sudo sh -c 'nohup dockerd --bridge=none > /tmp/statecraft-dockerd.log 2>&1 & echo $! > /tmp/statecraft-dockerd.pid'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /tmp/statecraft-dockerd.log" >&2; exit 1; }
fi

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
mirror=$( (grep -hoE '^(URIs:|deb) +https?://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true) | awk '{print $2}' | head -1)
mirror=${mirror:-http://deb.debian.org/debian}

# One Debian tree for both images (debootstrap is the slow part), copied per image.
base=""
cleanup() { if [ -n "$base" ]; then $sudo rm -rf "$base"; fi; }
trap cleanup EXIT

make_image() {
  local name=$1 what=$2
  if docker image inspect "$name" >/dev/null 2>&1; then
    return
  fi
  if [ -z "$base" ]; then
    base=$(mktemp -d /tmp/statecraft-debian.XXXXXX)
    echo "== debootstrap bookworm from $mirror (about two minutes)" >&2
    $sudo debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3 bookworm "$base" "$mirror" >/dev/null
    $sudo rm -rf "$base/var/cache/apt/archives/"*.deb "$base/var/lib/apt/lists/"*
  fi
  local root
  root=$(mktemp -d /tmp/statecraft-rootfs.XXXXXX)
  $sudo cp -a "$base/." "$root/"
  $sudo mkdir -p "$root/usr/share/dotnet"
  if [ "$what" = sdk ]; then
    $sudo cp -a "$dotnet_root/." "$root/usr/share/dotnet/"
  else
    $sudo cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$root/usr/share/dotnet/"
  fi
  $sudo ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
  # Trust what this machine trusts: where outbound TLS (NuGet for the build stage's restore) passes through a proxy with
  # its own root certificate, the image must know it as the host does.
  $sudo cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  echo "== importing $name" >&2
  $sudo tar -C "$root" -c . | docker import -c 'ENV DOTNET_ROOT=/usr/share/dotnet' - "$name" >/dev/null
  $sudo rm -rf "$root"
}

make_image "$RUNTIME_IMAGE" runtime
make_image "$SDK_IMAGE" sdk
echo "$SDK_IMAGE $RUNTIME_IMAGE"
