#!/usr/bin/env bash
# Builds the solution and runs every test project; prints one closing line
# `tests: N passed, N failed[, N skipped]` summed over all test projects.
set -uo pipefail
cd "$(dirname "$0")/.."

dotnet build WebGen.Core.sln -c Release -nologo -v q -clp:ErrorsOnly || { echo "tests: 0 passed, 1 failed"; exit 1; }

log=$(mktemp)
status=0
for proj in tests/*/*.csproj; do
  echo "== $proj"
  out=$(mktemp)
  dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 20m > "$out" 2>&1
  [ $? -eq 0 ] || status=1
  cat "$out" >> "$log"
  # Show every failed test with its message and stack, then the summary line.
  grep -E '^\s+Failed ' -A 25 "$out" | head -n 300
  grep -E '^(Passed|Failed)! |error|Test Run Aborted|hang' "$out" | tail -n 20
  rm -f "$out"
done

passed=0; failed=0; skipped=0; assemblies=0
while IFS= read -r line; do
  p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line")
  f=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$line")
  s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  assemblies=$((assemblies + 1))
done < <(grep -E '^(Passed|Failed)! +- Failed:' "$log")
rm -f "$log"

projects=$(ls tests/*/*.csproj | wc -l)
if [ "$assemblies" -lt "$projects" ]; then
  echo "error: only $assemblies of $projects test projects reported results (a test host crashed or timed out)"
  status=1
  [ "$failed" -gt 0 ] || failed=1
fi
[ "$failed" -eq 0 ] || status=1

line="tests: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
exit $status
