"""W9 data: one mesh-like graph of N nodes, written twice — as a Tessera project and as Dagster
assets with the same dependencies. Standard library only.

    python3 mesh.py --nodes N --out DIR [--domains 10]

The graph (seeded, so every run draws the same one): layer 0 is CSV sources, five per domain;
every later layer has 50 models, spread over the domains in turn, each reading two or three
nodes of its own domain's part of the layer before and, one time in four, a product of another
domain from any earlier layer (a long, cross-domain edge); one model in five is published as a
product of the same name (a node of its own, read by the model). Sources, models and products
together make exactly N nodes.

Writes DIR/project/ (tessera.yaml, domains/dK/{domain.yaml, sources, data, models, products}),
DIR/dagster_assets.py (one `@dg.asset` per node, keyed [domain, name], in a group per domain, its
`deps` the same upstream nodes) and DIR/graph.json (the node ids as Tessera names them, the edges,
the counts by kind).
"""
import argparse
import json
import random
from pathlib import Path

WIDTH = 50  # nodes per layer
SOURCES_PER_DOMAIN = 5


class Node:
    def __init__(self, kind: str, domain: str, name: str):
        self.kind, self.domain, self.name = kind, domain, name
        self.deps: list = []

    @property
    def id(self) -> str:  # as the catalog names it: model.d3.m4_12
        return f"{self.kind}.{self.domain}.{self.name}"

    @property
    def dagster_key(self) -> list:
        return [self.domain, f"{self.name}_product" if self.kind == "product" else self.name]


def graph(nodes: int, domains: int, seed: int = 42) -> list:
    rng = random.Random(seed)
    names = [f"d{k}" for k in range(domains)]
    out: list = []
    previous = {d: [] for d in names}  # the layer before, per domain
    for d in names:
        for j in range(SOURCES_PER_DOMAIN):
            if len(out) < nodes:
                node = Node("source", d, f"s{j}")
                out.append(node)
                previous[d].append(node)
    products: list = []
    layer = 0
    while len(out) < nodes:
        layer += 1
        current = {d: [] for d in names}
        for slot in range(WIDTH):
            if len(out) >= nodes:
                break
            d = names[slot % domains]
            model = Node("model", d, f"m{layer}_{slot}")
            pool = previous[d] or [n for n in out if n.domain == d]
            model.deps = rng.sample(pool, min(len(pool), 2 + rng.randrange(2)))
            foreign = [p for p in products if p.domain != d]
            if foreign and rng.randrange(4) == 0:
                model.deps.append(rng.choice(foreign))
            out.append(model)
            current[d].append(model)
            if rng.randrange(5) == 0 and len(out) < nodes:
                product = Node("product", d, model.name)
                product.deps = [model]
                out.append(product)
                products.append(product)
        previous = {d: current[d] or previous[d] for d in names}
    return out


def model_sql(node: Node) -> str:
    def relation(dep: Node) -> str:
        if dep.kind == "source":
            return f"src.{dep.name}"
        return dep.name if dep.domain == node.domain and dep.kind == "model" else f"{dep.domain}.{dep.name}"

    first, *rest = node.deps
    text = f"select t0.id from {relation(first)} as t0"
    for i, dep in enumerate(rest, 1):
        text += f" join {relation(dep)} as t{i} on t{i}.id = t0.id"
    return text + "\n"


def write_project(nodes: list, root: Path) -> None:
    def write(path: str, text: str) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)

    write("tessera.yaml", "mesh: w9\ngovernance: {require_description: false, require_classification: false}\n"
                          "admins: [root@w9.example]\n")
    for d in sorted({n.domain for n in nodes}):
        write(f"domains/{d}/domain.yaml", f"owner: {d}@w9.example\ndescription: Domain {d} of benchmark W9\n")
    for node in nodes:
        base = f"domains/{node.domain}"
        if node.kind == "source":
            write(f"{base}/data/{node.name}.csv", "id\n1\n2\n3\n")
            write(f"{base}/sources/{node.name}.yaml", f"connector: {{type: csv, path: {base}/data/{node.name}.csv}}\n")
        elif node.kind == "model":
            write(f"{base}/models/{node.name}.sql", model_sql(node))
        else:
            write(f"{base}/products/{node.name}.yaml",
                  "contract:\n  columns:\n    - {name: id, type: BIGINT}\n")


DAGSTER_HEAD = '''"""W9: the Tessera mesh's graph as Dagster assets (written by Benchmarks/w9-web/mesh.py):
one asset per node, keyed [domain, name], grouped by domain, with the same upstream nodes."""
import dagster as dg

GRAPH = {graph}


def _asset(key, deps, group):
    @dg.asset(key=key, deps=[dg.AssetKey(d) for d in deps], group_name=group)
    def _node():
        return None

    return _node


defs = dg.Definitions(assets=[_asset(key, deps, key[0]) for key, deps in GRAPH])
'''


def write_dagster(nodes: list, path: Path) -> None:
    table = [[n.dagster_key, [d.dagster_key for d in n.deps]] for n in nodes]
    path.write_text(DAGSTER_HEAD.format(graph=json.dumps(table)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, required=True)
    parser.add_argument("--domains", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    nodes = graph(args.nodes, args.domains)
    write_project(nodes, args.out / "project")
    write_dagster(nodes, args.out / "dagster_assets.py")
    edges = [[d.id, n.id] for n in nodes for d in n.deps]
    kinds = {k: sum(1 for n in nodes if n.kind == k) for k in ("source", "model", "product")}
    (args.out / "graph.json").write_text(json.dumps({"nodes": [n.id for n in nodes], "edges": edges, "kinds": kinds}))
    print(json.dumps({"nodes": len(nodes), "edges": len(edges), **kinds}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
