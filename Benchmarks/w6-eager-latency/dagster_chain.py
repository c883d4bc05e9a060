"""Dagster's side of W6: the same three-step chain (upstream → middle → downstream), the two
consumers with `AutomationCondition.eager()`, evaluated by an automation condition sensor left at
its default interval and switched on. Loaded by `dagster dev -f` and by the measuring script."""
import dagster as dg


@dg.asset
def upstream():
    return 1


@dg.asset(automation_condition=dg.AutomationCondition.eager())
def middle(upstream):
    return upstream + 1


@dg.asset(automation_condition=dg.AutomationCondition.eager())
def downstream(middle):
    return middle + 1


defs = dg.Definitions(
    assets=[upstream, middle, downstream],
    sensors=[
        dg.AutomationConditionSensorDefinition(
            "eager", target=dg.AssetSelection.all(), default_status=dg.DefaultSensorStatus.RUNNING
        )
    ],
)
