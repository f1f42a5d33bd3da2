"""Run only the cleaning stages (parse, blocks, boilerplate, template look-up, segment) over N
copies of the seed pages, for instruction counting with valgrind (stable where timings are not):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python benchmarks/cleaning_only.py 200
    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python benchmarks/cleaning_only.py 100

(instructions per page = the difference of the two "Collected" totals / 100: the steady state.
The first pages also build the native module's tables and its regexes' lazy DFA caches, a few
hundred million instructions once per process.) No entity tagging, no Kafka; prints nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import load_seeds, make_pages  # noqa: E402

from workers.contract import Contract  # noqa: E402
from workers.errors import RejectedRecord  # noqa: E402
from workers.parse import decode_page  # noqa: E402
from workers.pipeline import Pipeline, PipelineConfig  # noqa: E402
from workers.settings import Settings  # noqa: E402


def main(n: int) -> None:
    pages = make_pages(load_seeds(), n)
    pipeline = Pipeline(PipelineConfig(), Contract.load(Settings().schemas_dir), tagger=None)  # cleaning only
    for _page_id, _key, value in pages:
        try:
            pipeline.clean(decode_page(value, pipeline.contract, pipeline.config.max_page_bytes))
        except RejectedRecord:
            pass


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
