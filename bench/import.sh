#!/usr/bin/env bash
# Times `portmatrix import` as a user runs it (a fresh process: start-up and compilation included, all
# flows written as CSV) on the generated 50 MB CSV and 20 MB text of the GenericImport benchmark,
# against the grep an engineer would otherwise write. Prints wall time and MB/s per run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
dotnet build src/PortMatrix.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/PortMatrix.Benchmarks -c Release -v q -nologo >/dev/null
cli=src/PortMatrix.Cli/bin/Release/net10.0/PortMatrix.Cli
bench/PortMatrix.Benchmarks/bin/Release/net10.0/PortMatrix.Benchmarks import 1 >/dev/null   # writes the inputs once
dir="${TMPDIR:-/tmp}/portmatrix-bench"

source bench/time_ms.sh

for f in ports-50MB.csv ports-20MB.txt; do
  size=$(stat -c %s "$dir/$f")
  ms=$(time_ms "$cli" import "$dir/$f" --format csv)
  grep_ms=$(time_ms bash -c "grep -Eoi '(tcp|udp)[ /][0-9]+' '$dir/$f' | wc -l")
  echo "portmatrix import $f --format csv: $ms ms per run, $(( size / 1000 / ms )) MB/s end to end (mean of $runs)"
  echo "grep -Eoi '(tcp|udp)[ /][0-9]+' $f | wc -l: $grep_ms ms per run (matches only: no ranges, directions or table columns)"
done
