#!/usr/bin/env bash
# Restore size and time of each MlNetFaces package, as a new user meets them: for each package, a new console project
# referencing only it is restored into an empty NuGet cache from a feed holding the packed packages (plus the machine's
# configured NuGet sources) with an empty HTTP cache too: what it downloads and what the NuGet cache then holds.
#   benchmarks/package-restore.sh FEED [PACKAGE...]      (FEED: e.g. the output of `dotnet pack MlNetFaces.sln -o FEED`)
set -euo pipefail
feed="$(cd "${1:?usage: package-restore.sh FEED [PACKAGE...]}" && pwd)"; shift
packages=("$@"); [ ${#packages[@]} -gt 0 ] || packages=(MlNetFaces MlNetFaces.Training MlNetFaces.StyleTransfer MlNetFaces.Charts MlNetFaces.Runtime)
repo="$(cd "$(dirname "$0")/.." && pwd)"
version="$(dotnet msbuild "$repo/src/MlNetFaces/MlNetFaces.csproj" -getProperty:Version)"
work="$(mktemp -d /tmp/mlnetfaces-restore-XXXXXX)"; trap 'rm -rf "$work"' EXIT
printf '| package | packages restored | downloaded | restore size (extracted) | restore time |\n|---|---|---|---|---|\n'
for package in "${packages[@]}"; do
  dir="$work/$package"; mkdir -p "$dir"
  cat > "$dir/Probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="$package" Version="$version" /></ItemGroup>
</Project>
XML
  printf '<configuration><packageSources><add key="local" value="%s" /></packageSources></configuration>\n' "$feed" > "$dir/NuGet.Config"
  start=$(date +%s%N)
  NUGET_PACKAGES="$dir/cache" NUGET_HTTP_CACHE_PATH="$dir/http" dotnet restore "$dir/Probe.csproj" -v q > "$dir/restore.log" 2>&1 || { cat "$dir/restore.log"; exit 1; }
  seconds=$(( ($(date +%s%N) - start) / 1000000000 ))
  count=$(find "$dir/cache" -mindepth 2 -maxdepth 2 -type d | wc -l)
  size=$(du -sm "$dir/cache" | cut -f1)
  download=$(du -sm "$dir/http" 2>/dev/null | cut -f1)
  printf '| %s | %d | %d MB | %d MB | %d s |\n' "$package" "$count" "${download:-0}" "$size" "$seconds"
  rm -rf "$dir/cache" "$dir/http"
done
