#!/bin/sh
# rounds in turns: base launcher (721540d), new launcher without and with the AOT cache, PyTorch eager; then first-step pairs
T=/work/main/bench/target/charlm-text.txt
PY=/work/main/bench/target/torch-venv/bin/python
cd /tmp/ab
for r in 1 2; do
  echo "## round $r $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
  for side in base noaot aot torch; do
    case $side in
      base) cmd="/tmp/base721/rnn4j train --text $T --steps 300 --batch-size 64 --save /tmp/ab/b.safetensors --overwrite --quiet" ;;
      noaot) cmd="env RNN4J_AOT=0 /work/main/rnn4j train --text $T --steps 300 --batch-size 64 --save /tmp/ab/n.safetensors --overwrite --quiet" ;;
      aot) cmd="env RNN4J_AOT=1 /work/main/rnn4j train --text $T --steps 300 --batch-size 64 --save /tmp/ab/a.safetensors --overwrite --quiet" ;;
      torch) cmd="$PY /work/main/bench/src/main/python/charlm_eager.py --text $T --steps 300 --batch-size 64" ;;
    esac
    s=$(date +%s.%N); $cmd > /tmp/ab/$side-$r.log 2>&1; e=$(date +%s.%N)
    echo "[$side] wall $(echo "$e - $s" | bc | cut -c1-5) s | $(grep -E 'tokens/s|warm-up' /tmp/ab/$side-$r.log | tr -s ' \n' ' ')"
  done
done
echo "## first step, train --steps 1, $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
head -c 200000 $T > /tmp/ab/t200k.txt
for r in 1 2 3 4; do
  for mode in 1 0; do
    s=$(date +%s.%N)
    out=$(env RNN4J_AOT=$mode /work/main/rnn4j train --text /tmp/ab/t200k.txt --steps 1 --batch-size 64 --save /tmp/ab/s.safetensors --overwrite --quiet 2>&1)
    m=$(date +%s.%N)
    env RNN4J_AOT=$mode /work/main/rnn4j --version > /dev/null 2>&1
    e=$(date +%s.%N)
    echo "RNN4J_AOT=$mode r$r: train --steps 1 wall $(echo "$m - $s" | bc | cut -c1-5) s ($(echo "$out" | grep -o 'first step [0-9.]* s')); --version wall $(echo "$e - $m" | bc | cut -c1-5) s"
  done
done
