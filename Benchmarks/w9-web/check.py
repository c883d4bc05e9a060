"""W9 checks. Standard library only. Prints {"ok": bool, "detail": str} as its last line.

    check.py --layout bench.json NODES    web-bench laid out every node, soundly
    check.py --draw draw.json NODES       draw.py's page: Tessera drew all NODES nodes; Dagster drew
                                          some, or did not finish in time (a result, not an error)
"""
import json
import sys


def main(argv: list) -> int:
    got = json.loads(open(argv[2]).read().strip().splitlines()[-1])
    if argv[1] == "--draw":
        return drawn(got, int(argv[3]))
    ok = got["sound"] and got["nodes"] == int(argv[3])
    print(json.dumps({"ok": ok, "detail": f"{got['nodes']} nodes, {got['edges']} edges, {got['crossings']} crossings, "
                                          f"median {got['median_ms']:.1f} ms"}))
    return 0


def drawn(got: dict, nodes: int) -> int:
    if not got["finished"]:
        ok = got["tool"] == "dagster"
        print(json.dumps({"ok": ok, "detail": f"did not finish; {got['nodes']} nodes drawn by then"}))
        return 0
    ok = got["nodes"] == nodes if got["tool"] == "tessera" else got["nodes"] > 0
    print(json.dumps({"ok": ok, "detail": f"{got['nodes']} nodes drawn in {got['drawn_ms']:,.0f} ms "
                                          f"(first byte {got['first_byte_ms']:,.0f} ms, {got['page_bytes']:,} bytes)"}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
