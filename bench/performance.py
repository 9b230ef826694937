"""The performance issue's three figures in one command: start-up, throughput and scaling.

Runs bench/startup.py, bench/throughput.py and bench/scaling.py (see each for how it measures)
and ends with one line per figure, each a ratio against its peer run in the same command.

    python bench/performance.py [--runs 20] [--articles 1000] [--proselint-sample 0] [--base 100]
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scaling  # noqa: E402
import startup  # noqa: E402
import throughput  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="start-up runs of each command")
    parser.add_argument("--articles", type=int, default=1000, help="articles in the throughput corpus")
    parser.add_argument("--proselint-sample", type=int, default=0, help="time proselint on this many files (0: all)")
    parser.add_argument("--base", type=int, default=100, help="articles in the 1x scaling corpus")
    args = parser.parse_args()
    print("== start-up")
    tool, floor = startup.measure(str(startup.ROOT / "examples" / "wire-story.txt"), args.runs)
    print(f"copydesk check {tool * 1000:.1f} ms, import yaml, regex {floor * 1000:.1f} ms (medians of {args.runs})")
    print("== throughput")
    ours, theirs = throughput.measure(args.articles, args.proselint_sample)
    print("== scaling")
    jobs = os.cpu_count() or 1
    speedup, same, peaks = scaling.measure(args.base, jobs)
    print("== summary")
    print(f"start-up:   {tool / floor:.2f}x the import floor (target: at most 2x)")
    print(f"throughput: {ours / theirs:.1f}x proselint's articles per second of CPU time, one core (target: at least 10x)")
    print(f"scaling:    --jobs {jobs} {speedup:.2f}x faster than --jobs 1, reports identical: {same}; "
          f"peak RSS per process at 1x/4x/16x: {'/'.join(f'{p:.0f}' for p in peaks[jobs])} MB")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
