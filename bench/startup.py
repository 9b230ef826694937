"""Start-up: median wall time of `copydesk check` on one article beside the import floor.

The floor is `python -c "import yaml, regex"` with the same interpreter: what any Python tool
with these dependencies pays before doing work. Both are run alternately in one process so
machine load affects them alike.

    python bench/startup.py [--runs 10] [--no-cache] [ARTICLE]
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(article: str, runs: int, no_cache: bool = False) -> tuple[float, float]:
    """(median seconds of `copydesk check ARTICLE`, median seconds of the floor), alternating."""
    script = Path(sys.executable).parent / "copydesk"
    tool = [str(script)] if script.exists() else [shutil.which("copydesk") or "copydesk"]
    floor = [sys.executable, "-c", "import yaml, regex"]
    # As installed by pip: byte-compiled modules (an editable checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module's source on every start),
    # and a warm rule/regex cache (one untimed run fills it; --no-cache times the cold path).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lint")], stdout=subprocess.DEVNULL, check=False)
    extra = ["--no-cache"] if no_cache else []
    subprocess.run(tool + ["check", *extra, article], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    tool_times, floor_times = [], []
    for _ in range(runs):
        floor_times.append(_time(floor))
        tool_times.append(_time(tool + ["check", *extra, article]))
    return statistics.median(tool_times), statistics.median(floor_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(ROOT / "examples" / "wire-story.txt"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-cache", action="store_true", help="time `check --no-cache` (no rule or regex cache)")
    args = parser.parse_args()
    tool_median, floor_median = measure(args.article, args.runs, args.no_cache)
    print(f"copydesk check (median of {args.runs}): {tool_median * 1000:.1f} ms")
    print(f"import yaml, regex (median of {args.runs}): {floor_median * 1000:.1f} ms")
    print(f"ratio: {tool_median / floor_median:.2f}x the floor")


if __name__ == "__main__":
    main()
