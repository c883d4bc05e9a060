"""W9 checks. Standard library only. Prints {"ok": bool, "detail": str} as its last line.

    check.py --layout bench.json NODES    web-bench laid out every node, soundly
"""
import json
import sys


def main(argv: list) -> int:
    got = json.loads(open(argv[2]).read().strip().splitlines()[-1])
    ok = got["sound"] and got["nodes"] == int(argv[3])
    print(json.dumps({"ok": ok, "detail": f"{got['nodes']} nodes, {got['edges']} edges, {got['crossings']} crossings, "
                                          f"median {got['median_ms']:.1f} ms"}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
