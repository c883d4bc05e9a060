#!/usr/bin/env python3
"""Validates OpenLineage events (JSON Lines files) against the OpenLineage schema.

openlineage-python ships no JSON schema files (checked: the 1.54.0 wheel and the 1.39.0 sdist
hold only the Python model generated from the spec's JSON schema). So the schema is taken from
that generated model, in two ways:

1. a JSON Schema is derived from its attrs classes (field names, required fields, types, enums,
   no unknown keys) and every event is validated with jsonschema, formats checked;
2. every event is rebuilt as those classes, which runs the package's own validators (run ids
   are UUIDs, event times carry a time), and every `schemaURL`/`_schemaURL` must be the one the
   package's class for that object declares.

Usage: validate-openlineage-events.py FILE...   Exit 0 when every event is valid, 1 otherwise.
"""
from __future__ import annotations

import enum
import json
import sys
import types
import typing

import attr
import jsonschema
from openlineage.client.generated import base
from openlineage.client.generated import (column_lineage_dataset, dataset_version_dataset, error_message_run,
                                          job_type_job, parent_run, schema_dataset)

FACETS = {
    "run": {"parent": parent_run.ParentRunFacet, "errorMessage": error_message_run.ErrorMessageRunFacet},
    "job": {"jobType": job_type_job.JobTypeJobFacet},
    "dataset": {"schema": schema_dataset.SchemaDatasetFacet,
                "columnLineage": column_lineage_dataset.ColumnLineageDatasetFacet,
                "version": dataset_version_dataset.DatasetVersionDatasetFacet},
}
# Which facet family a facets dictionary of a class holds.
FAMILY = {base.Run: "run", base.Job: "job",
          base.InputDataset: "dataset", base.OutputDataset: "dataset"}
FORMATS = {("RunEvent", "eventTime"): "date-time", ("Run", "runId"): "uuid"}


def hints(cls):
    """The types of an attrs class's fields, each evaluated where it was declared."""
    out = {}
    for a in attr.fields(cls):
        t = a.type
        if isinstance(t, str):
            owner = next(k for k in cls.__mro__ if a.name in vars(k).get("__annotations__", {}))
            t = eval(t, vars(sys.modules[owner.__module__]))  # noqa: S307 - the package's own annotations
        out[a.name] = t
    return out


def schema_of(tp, owner=None, field=None):
    """The JSON Schema of a type annotation of the generated model."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return schema_of(options[0], owner, field) if len(options) == 1 else {"anyOf": [schema_of(a) for a in options]}
    if origin is list:
        return {"type": "array", "items": schema_of(typing.get_args(tp)[0])}
    if origin is dict:
        value = typing.get_args(tp)[1]
        if field == "facets" and owner in FAMILY:
            known = FACETS[FAMILY[owner]]
            return {"type": "object", "properties": {k: schema_of(c) for k, c in known.items()},
                    "additionalProperties": schema_of(value)}
        return {"type": "object", "additionalProperties": schema_of(value)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [member.value for member in tp]}
    if tp is str:
        fmt = FORMATS.get((owner.__name__ if owner else None, field))
        return {"type": "string", **({"format": fmt} if fmt else {})}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if attr.has(tp):
        # Every class once, under $defs, referenced: the model is recursive (schema fields nest).
        key = f"{tp.__module__.rsplit('.', 1)[-1]}.{tp.__name__}"
        if key not in DEFS:
            DEFS[key] = {}
            types_ = hints(tp)
            properties = {a.name: schema_of(types_[a.name], tp, a.name) for a in attr.fields(tp)}
            required = [a.name for a in attr.fields(tp) if a.default is attr.NOTHING]
            # Base facets may carry facet-specific fields; every concrete class is closed.
            closed = tp not in (base.RunFacet, base.JobFacet, base.DatasetFacet, base.InputDatasetFacet,
                                base.OutputDatasetFacet)
            DEFS[key] = {"type": "object", "properties": properties, "required": required,
                         "additionalProperties": not closed}
        return {"$ref": f"#/$defs/{key}"}
    return {}


DEFS: dict = {}


def rebuild(cls, value, path):
    """Builds `cls` from JSON, running the package's validators; checks each declared schema URL."""
    if not isinstance(value, dict):
        return value
    types_ = hints(cls)
    kwargs = {}
    for a in attr.fields(cls):
        if a.name not in value:
            continue
        if not a.init:
            declared = cls._get_schema()
            if value[a.name] != declared:
                raise ValueError(f"{path}.{a.name} is {value[a.name]!r}; {cls.__name__} declares {declared!r}")
            continue
        kwargs[a.alias] = convert(types_[a.name], value[a.name], f"{path}.{a.name}", cls, a.name)
    return cls(**kwargs)


def convert(tp, value, path, owner, field):
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return convert(options[0], value, path, owner, field) if len(options) == 1 else value
    if origin is list:
        return [convert(typing.get_args(tp)[0], v, f"{path}[{i}]", owner, field) for i, v in enumerate(value)]
    if origin is dict:
        known = FACETS[FAMILY[owner]] if field == "facets" and owner in FAMILY else {}
        return {k: (rebuild(known[k], v, f"{path}.{k}") if k in known
                    else convert(typing.get_args(tp)[1], v, f"{path}.{k}", owner, None)) for k, v in value.items()}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if attr.has(tp):
        return rebuild(tp, value, path)
    return value


def main(paths):
    schema = {"$defs": DEFS, **schema_of(base.RunEvent)}
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    events = failures = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                events += 1
                where = f"{path}:{number}"
                try:
                    event = json.loads(line)
                    errors = sorted(validator.iter_errors(event), key=lambda e: list(e.absolute_path))
                    if errors:
                        raise ValueError("; ".join(f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]))
                    rebuild(base.RunEvent, event, "event")
                except Exception as error:  # every problem is reported, then the next event
                    failures += 1
                    print(f"{where}: invalid OpenLineage event: {error}", file=sys.stderr)
    if events == 0:
        print("no events to validate", file=sys.stderr)
        return 1
    print(f"{events - failures} of {events} events valid")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
