"""W4b checks. Standard library only. Prints {"ok": bool, "detail": str} as its last line.

    check.py --graph bench.json                 lineage-bench found every upstream node
    check.py --cli lineage.json target.json     tessera lineage's upstream = the generator's
    check.py --dbt dbt-ls.txt target.json       dbt ls listed the same models
"""
import json
import sys


def verdict(ok: bool, detail: str) -> int:
    print(json.dumps({"ok": ok, "detail": detail}))
    return 0


def main(argv: list) -> int:
    mode, path = argv[1], argv[2]
    try:
        if mode == "--graph":
            got = json.loads(open(path).read().strip().splitlines()[-1])
            ok = got["upstream_nodes"] == got["expected_upstream_nodes"]
            return verdict(ok, f"{got['upstream_nodes']} upstream nodes, {got['upstream_columns']} columns, "
                               f"{got['edges']} edges, total {got['total_ms']:.1f} ms")
        target = json.loads(open(argv[3]).read())
        expected = set(target["upstream"])
        if mode == "--cli":
            doc = json.loads(open(path).read())
            # `name` is the vertex as people write it, `bench.model_0042`: the model is its last part.
            got = {v["name"].split(".")[-1] for v in doc["vertices"] if v["side"] == "upstream"}
        else:
            got = {line.strip().split(".")[-1] for line in open(path) if line.strip()} - {target["model"]}
        missing, extra = sorted(expected - got), sorted(got - expected)
        ok = not missing and not extra
        return verdict(ok, f"{len(got)} upstream models" + ("" if ok else f"; missing {missing[:5]}, extra {extra[:5]}"))
    except (OSError, ValueError, KeyError, IndexError) as e:
        return verdict(False, f"unreadable result {path}: {e}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
