"""One W6 sample in Dagster: materialize `upstream` into the running instance (DAGSTER_HOME), then
wait for the run that materializes `middle` to start. Prints the seconds from the upstream's
materialization event to that run's start, as JSON."""
import json
import sys
import time
from pathlib import Path

import dagster as dg
from dagster import AssetKey, DagsterInstance, RunsFilter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dagster_chain  # noqa: E402


def consumer_start(instance, after: float, timeout: float) -> float | None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        for record in instance.get_run_records(RunsFilter(), limit=20):
            run = record.dagster_run
            selected = run.asset_selection or set()
            if AssetKey("middle") in selected and record.start_time and record.start_time >= after:
                return record.start_time
        time.sleep(0.1)
    return None


def main() -> None:
    timeout = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0
    instance = DagsterInstance.get()
    dg.materialize([dagster_chain.upstream], instance=instance)
    published = instance.get_latest_materialization_event(AssetKey("upstream")).timestamp
    started = consumer_start(instance, published, timeout)
    print(json.dumps({"latency": None if started is None else started - published}))


if __name__ == "__main__":
    main()
