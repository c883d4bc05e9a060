"""W3 in Great Expectations 1.24: the ten checks as one expectation suite, validated once.
Runs in the gx virtualenv; the whole process is timed.

    python gx_checks.py ORDERS.parquet CUSTOMERS.parquet OUT.json

The pandas datasource over the Parquet (GX's SQL datasource over a DuckDB file fails every metric
with "list index out of range": GX issues 10738 and 11579), an ephemeral context, a batch of the
whole file, one validation definition run by one checkpoint. Each expectation carries
`meta: {"answer": <key of expected.json>}` so that answers.py can read its result. Where GX has no
exact counterpart (see docs/performance.md):
  relationship  expect_column_values_to_be_between the smallest and largest customer id, read
                from the customers' Parquet in this process: GX has no cross-asset expectation
                for pandas, and expect_column_values_to_be_in_set with the 250,000 ids took
                minutes even at 20,000 rows (pydantic re-serializes the value set for every
                metric). Exact here only because the customers' ids are contiguous (1..250,000);
  sql           expect_column_values_to_not_be_in_set(amount, [0]) (UnexpectedRowsExpectation,
                GX's SQL check, runs only on SQL datasources);
  unique        expect_column_values_to_be_unique flags every row of a repeated value, so it
                runs with result_format COMPLETE and the answer is taken from unexpected_list.
"""
import json
import sys

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd


def main() -> int:
    orders, customers, out = sys.argv[1:4]
    context = gx.get_context(mode="ephemeral")
    asset = context.data_sources.add_pandas("w3").add_parquet_asset("orders", path=orders)
    batch = asset.add_batch_definition_whole_dataframe("all")
    customer_ids = pd.read_parquet(customers, columns=["customer_id"])["customer_id"]
    lowest, highest = int(customer_ids.min()), int(customer_ids.max())

    def answer(key):
        return {"answer": key}

    suite = context.suites.add(gx.ExpectationSuite(name="w3", expectations=[
        gxe.ExpectColumnValuesToBeUnique(column="order_id", meta=answer("unique_order_id")),
        gxe.ExpectColumnValuesToNotBeNull(column="order_id", meta=answer("not_null_order_id")),
        gxe.ExpectColumnValuesToNotBeNull(column="customer_id", meta=answer("not_null_customer_id")),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["placed", "paid", "shipped", "delivered", "returned"],
                                        meta=answer("accepted_values_status")),
        gxe.ExpectColumnValuesToBeBetween(column="amount", min_value=0, max_value=100000,
                                          row_condition='status != "returned"', condition_parser="pandas",
                                          meta=answer("range_amount")),
        gxe.ExpectColumnValuesToMatchRegex(column="email", regex="^[^@]+@[^@]+$", meta=answer("regex_email")),
        gxe.ExpectTableRowCountToBeBetween(min_value=1, meta=answer("row_count")),
        gxe.ExpectColumnMaxToBeBetween(column="ordered_at", min_value=pd.Timestamp("2026-01-01"),
                                       meta=answer("freshness_ordered_at")),
        gxe.ExpectColumnValuesToBeBetween(column="customer_id", min_value=lowest, max_value=highest,
                                          meta=answer("relationship_customer_id")),
        gxe.ExpectColumnValuesToNotBeInSet(column="amount", value_set=[0], meta=answer("sql_no_free_orders")),
    ]))
    validation = context.validation_definitions.add(gx.ValidationDefinition(name="w3", data=batch, suite=suite))
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name="w3", validation_definitions=[validation],
        # SUMMARY gives every count; unique's answer needs the values themselves (see above).
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [],
                       "partial_unexpected_count": 20, "exclude_unexpected_values": False},
    ))
    result = checkpoint.run()
    validation_result = next(iter(result.run_results.values()))
    with open(out, "w") as f:
        json.dump(validation_result.to_json_dict(), f, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
