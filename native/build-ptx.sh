#!/usr/bin/env bash
# Compiles native/kernels/*.cu to PTX for compute_75 (the oldest architecture nvcc 13 targets) into
# core/src/main/resources/dev/rnn4j/cuda/<name>.ptx. The driver JIT-compiles that PTX for the GPU it runs
# on (Turing and every newer architecture), so one file serves all of them.
#   NVCC      nvcc to use (default: nvcc on PATH, else /usr/local/cuda/bin/nvcc)
#   PTX_ARCH  virtual architecture (default compute_75)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nvcc=${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}
arch=${PTX_ARCH:-compute_75}
out="$root/core/src/main/resources/dev/rnn4j/cuda"
mkdir -p "$out"
for cu in "$root"/native/kernels/*.cu; do
  name=$(basename "$cu" .cu)
  "$nvcc" -ptx -arch="$arch" -O3 -std=c++17 -lineinfo -o "$out/$name.ptx" "$cu"
  # the generated header carries the build host's path; keep only the file name so builds are reproducible
  sed -i -e "s#$root/##g" "$out/$name.ptx"
  # the same assembly the driver's JIT does, for the oldest and a current architecture: fails here, not on a user's GPU
  for sm in sm_75 sm_90; do "$(dirname "$nvcc")/ptxas" -arch="$sm" -o /dev/null "$out/$name.ptx"; done
  echo "build-ptx: $name.ptx ($(grep -c '^\.visible \.entry\|^\s*\.entry' "$out/$name.ptx" || true) entries)"
done
"$nvcc" --version | tail -1 > "$out/PTX_BUILT_WITH"
