#!/usr/bin/env bash
# Removes this repository's own packages at one version (default: the version being built) from the NuGet cache, so
# that a restore from a freshly packed local feed takes the new files and not an earlier pack of the same version.
# Only ids starting with "mlnetfaces" are touched.
set -euo pipefail
version="${1:?usage: forget-cached-packages.sh VERSION}"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
for dir in "$cache"/mlnetfaces "$cache"/mlnetfaces.*; do
  [ -d "$dir/$version" ] && rm -rf "${dir:?}/$version"
done
exit 0
