#!/usr/bin/env bash
# Regenerates bindings/src/main/java/dev/rnn4j/bindings/{cuda,cublas,cudnn} from the CUDA, cuBLAS and cuDNN
# headers with jextract, keeping only the symbols listed in native/<lib>.symbols.
#
#   JEXTRACT       jextract launcher               (default /work/shared/tools/jextract/jextract, else `jextract` on PATH)
#   CUDA_INCLUDE   the CUDA toolkit's include dir  (default $CUDA_HOME/include, else /usr/local/cuda/include)
#   EXTRA_INCLUDE  colon-separated dirs searched after it for cublas_v2.h and cudnn.h (default: none)
#
# The CUDA include dir comes first so that cuBLAS/cuDNN headers from another toolkit release see this
# toolkit's driver_types.h and library_types.h: only the cublas*.h / cudnn*.h family of each library is
# staged into a temporary directory (a quoted #include would otherwise pick the other release's
# driver_types.h next to them). Headers are never copied into the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jextract=${JEXTRACT:-}
if [ -z "$jextract" ]; then
  if [ -x /work/shared/tools/jextract/jextract ]; then jextract=/work/shared/tools/jextract/jextract; else jextract=$(command -v jextract || true); fi
fi
[ -n "$jextract" ] || { echo "regenerate-bindings: set JEXTRACT to a jextract launcher" >&2; exit 2; }
cuda_include=${CUDA_INCLUDE:-${CUDA_HOME:-/usr/local/cuda}/include}
IFS=: read -r -a extra <<< "${EXTRA_INCLUDE:-}"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
includes=(-I "$cuda_include" -I "$stage")

# Echoes the path of header $1, staging its family ($2*.h) when it lives outside the CUDA include dir.
find_header() {
  [ -f "$cuda_include/$1" ] && { echo "$cuda_include/$1"; return; }
  for d in "${extra[@]}"; do
    if [ -n "$d" ] && [ -f "$d/$1" ]; then
      cp "$d/$2"*.h "$stage/"
      echo "$stage/$1"
      return
    fi
  done
  echo "regenerate-bindings: $1 not found in $cuda_include ${EXTRA_INCLUDE:-} (set CUDA_INCLUDE / EXTRA_INCLUDE)" >&2
  exit 2
}

out="$root/bindings/src/main/java"
for lib in cuda cublas cudnn; do
  list="$root/native/$lib.symbols"
  args=()
  header=
  while read -r kind name; do
    case "$kind" in
      ''|'#'*) ;;
      header) header=$(find_header "$name" "$lib") ;;
      function|constant|typedef|struct) args+=("--include-$kind" "$name") ;;
      *) echo "regenerate-bindings: bad line in $list: $kind $name" >&2; exit 2 ;;
    esac
  done < "$list"
  pkg="dev.rnn4j.bindings.$lib"
  rm -rf "$out/dev/rnn4j/bindings/$lib"
  # No --library: the generated lookup is SymbolLookup.loaderLookup(), which sees the libraries that
  # dev.rnn4j.cuda.NativeLibraries loaded with System.load after its own search (see docs/GPU.md).
  "$jextract" "${includes[@]}" -t "$pkg" --header-class-name "${lib}_h" --output "$out" "${args[@]}" "$header"
  echo "regenerate-bindings: $pkg <- $header ($(( ${#args[@]} / 2 )) symbols)"
done
