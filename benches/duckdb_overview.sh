#!/usr/bin/env bash
# The Overview workload of `cargo bench --bench cli_speed` answered by DuckDB from Parquet
# files of the same tickets, for comparison: the workspace's tickets are exported once to
# Parquet beside it, then three fresh `duckdb` processes (by week, by channel, by group,
# over the bench's 30 days) each compute tickets created and solved with first-reply and
# resolution medians, p90 and means (a subset of the 18 KPIs `deskbench kpi` computes).
# Prints the median of five runs of the three calls.
#
#   benches/duckdb_overview.sh target/bench-workspaces/cli-1000000
#
# DUCKDB names the binary (default: `duckdb` on the PATH, e.g. from `pip install duckdb-cli`).
set -euo pipefail
workspace=${1:?usage: duckdb_overview.sh WORKSPACE}
duckdb=${DUCKDB:-duckdb}
parquet="$workspace.tickets.parquet"
from=1764633600 # 2025-12-02T00:00:00Z
to=1767225600   # 2026-01-01T00:00:00Z

if [ ! -f "$parquet" ]; then
    csv="$parquet.csv"
    python3 - "$workspace/deskbench.sqlite" "$csv" <<'PY'
import csv, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute(
    "SELECT id, status, channel, group_id, created_at, solved_at, reply_time_calendar, "
    "full_resolution_time_calendar FROM tickets WHERE status <> 'deleted'")
with open(sys.argv[2], "w", newline="") as out:
    w = csv.writer(out)
    w.writerow(["id", "status", "channel", "group_id", "created_at", "solved_at",
                "first_reply", "resolution"])
    w.writerows(rows)
PY
    "$duckdb" -c "COPY (SELECT * FROM read_csv('$csv')) TO '$parquet' (FORMAT parquet)"
    rm "$csv"
fi

# The Overview's numbers by KEY (an expression over the ticket, where @at stands for the
# time that places it: created or solved) in the range.
query() {
    local created_key=${1//@at/created_at} solved_key=${1//@at/solved_at}
    cat <<SQL
WITH t AS (SELECT * FROM '$parquet'),
created AS (
    SELECT $created_key AS k, count(*) AS created, median(first_reply) AS reply_median,
        quantile_cont(first_reply, 0.9) AS reply_p90, avg(first_reply) AS reply_mean
    FROM t WHERE created_at >= $from AND created_at < $to GROUP BY k),
solved AS (
    SELECT $solved_key AS k, count(*) AS solved, median(resolution) AS resolution_median,
        quantile_cont(resolution, 0.9) AS resolution_p90, avg(resolution) AS resolution_mean
    FROM t WHERE status IN ('solved', 'closed') AND solved_at >= $from AND solved_at < $to
    GROUP BY k)
SELECT * FROM created FULL JOIN solved USING (k) ORDER BY k;
SQL
}

run_all() {
    "$duckdb" -c "$(query "date_trunc('week', to_timestamp(@at))")" >/dev/null
    "$duckdb" -c "$(query channel)" >/dev/null
    "$duckdb" -c "$(query group_id)" >/dev/null
}

times=()
for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    run_all
    times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
printf 'DuckDB, Overview as three fresh processes, median of 5: %.3f s\n' "$median"
