"""One W6 sample in Dagster: materialize `upstream` into the running instance (DAGSTER_HOME), then
wait for the run that materializes `middle` to start, and for the chain to finish. Prints the
seconds from the upstream's materialization event to that run's start, as JSON."""
import json
import sys
import time
from pathlib import Path

import dagster as dg
from dagster import AssetKey, DagsterInstance, RunsFilter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dagster_chain  # noqa: E402

SENSOR_INTERVAL = 30  # seconds: an automation condition sensor's default, left as it is


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
    if started is not None:
        chain_finished(instance, published, timeout)
        # Let the sensor evaluate once more before the next sample publishes: eager() is
        # `(... any_deps_updated).since_last_handled()`, and when the consumer's own
        # materialization (this sample's) and its upstream's next update fall into the same
        # evaluation, the reset wins and the consumer is never requested (dagster#24650). Not
        # part of the latency: measured above.
        time.sleep(SENSOR_INTERVAL + 5)
    print(json.dumps({"latency": None if started is None else started - published}))


def chain_finished(instance, after: float, timeout: float) -> None:
    """Waits for `downstream` to materialize from this publish: the next sample's publish must not
    find the chain still running (an eager asset does not start while it is in progress)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        event = instance.get_latest_materialization_event(AssetKey("downstream"))
        if event is not None and event.timestamp >= after:
            return
        time.sleep(0.2)


if __name__ == "__main__":
    main()
