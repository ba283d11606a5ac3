"""schemainspect's full introspection of one database, as migra runs it.

Usage: python schemainspect_probe.py SQLALCHEMY_URL OUTPUT_FILE

`get_inspector` loads every relation, index, constraint, function and trigger; the probe then
renders each object's CREATE statement into OUTPUT_FILE so the object model is walked, as a
diff or a dump would walk it.
"""

from __future__ import annotations

import sys

import schemainspect  # type: ignore[import-untyped]
import sqlalchemy  # type: ignore[import-not-found,unused-ignore]


def main(url: str, output: str) -> int:
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as conn:
        inspector = schemainspect.get_inspector(conn)
    kinds = {
        "relations": inspector.relations,
        "indexes": inspector.indexes,
        "constraints": inspector.constraints,
        "functions": inspector.functions,
        "triggers": inspector.triggers,
    }
    with open(output, "w", encoding="utf-8") as out:
        for objects in kinds.values():
            for obj in objects.values():
                out.write(obj.create_statement)
                out.write("\n")
    counts = ", ".join(f"{len(objects)} {kind}" for kind, objects in kinds.items())
    sys.stderr.write(f"schemainspect: {counts}\n")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
