# Sourced by the bench scripts. time_ms COMMAND... prints the mean wall time in milliseconds of
# $runs runs of COMMAND (its output thrown away).
time_ms() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}
