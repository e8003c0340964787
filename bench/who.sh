#!/usr/bin/env bash
# Times `portmatrix who` as a user runs it (a fresh process each time) against grep over the
# vendor documents, the tool an engineer would otherwise reach for. Prints mean wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${PORTMATRIX_SEEDS:-$(pwd)/../shared/seeds}"
runs="${RUNS:-20}"
dotnet build src/PortMatrix.Cli -c Release -v q -nologo >/dev/null
cli=src/PortMatrix.Cli/bin/Release/net10.0/PortMatrix.Cli
"$cli" who udp/5060 >/dev/null 2>&1   # first run: disk and catalog cache warm-up

source bench/time_ms.sh

for q in udp/5060 tcp/50805 udp/51200; do
  echo "portmatrix who $q: $(time_ms "$cli" who "$q") ms per run (mean of $runs)"
done
echo "grep -rn 5060 over the seeds: $(time_ms grep -rn 5060 "$seeds") ms per run (text hits only, no transports or roles)"
