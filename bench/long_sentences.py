"""Long sentences and long lines: `copydesk check` time must grow linearly with them.

A sentence repeated without a full stop is one sentence that grows with the file: a rule that
reads the whole sentence again for each match in it (an `unless` phrase, a paragraph window)
is quadratic there, and so is a pattern that `regex` checks for a required string up to the
end of the text at every offset it is tried (issue 17, point 5). Prints, for each text, the
CPU seconds of the console script (user + system of the subprocess: the machine is shared)
at 6, 24, 96 and 384 KB, and the growth of the time above start-up (a run on a two-line
article) per 4x of size: about 4 is linear, 16 quadratic. Then the same for a single line
(sentences and quotes, no newline) of 0.625, 2.5 and 10 MB. Not a timed test: run by hand.

    python bench/long_sentences.py [--sizes-kb 6 24 96 384] [--line-mb 0.625 2.5 10]
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from large_inputs import one_line, run  # noqa: E402

# The reproducers of issue 17, point 5: each repeated into one sentence of the wanted size.
REPEATED = ("shares fell 5% ", "40 percent of voters ", "12 people were killed ", "the highest ever ")


def repeated(unit: str, size: int) -> bytes:
    return ("Headline\n\n" + unit * max(1, size // len(unit)) + "\n").encode()


def row(label: str, sizes: list[int], make, folder: Path, floor: float) -> None:
    times = []
    for size in sizes:
        path = folder / f"{len(times)}.txt"
        path.write_bytes(make(size))
        result = run(path)
        if result["exit"] not in (0, 1) or result["stderr"]:
            print(f"  {label}: exit {result['exit']} {result['stderr'][:1]}")
        times.append(result["cpu"])
    growth = [(b - floor) / max(a - floor, 1e-3) for a, b in zip(times, times[1:])]
    cells = " ".join(f"{t:8.2f}" for t in times)
    print(f"{label:<26} {cells}   " + " ".join(f"x{g:5.1f}" for g in growth), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-kb", type=float, nargs="+", default=[6, 24, 96, 384])
    parser.add_argument("--line-mb", type=float, nargs="+", default=[0.625, 2.5, 10])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="copydesk-long-"))
    try:
        empty = folder / "empty.txt"
        empty.write_bytes(b"Headline\n\nBody.\n")
        floor = min(run(empty)["cpu"] for _ in range(3))
        print(f"start-up (two-line article): {floor:.2f} s CPU; growth = (t - start-up) ratio per step in size")
        sizes = [int(kb * 1024) for kb in args.sizes_kb]
        print(f"{'text (one sentence)':<26} " + " ".join(f"{kb:>6g}KB" for kb in args.sizes_kb) + "   growth per 4x")
        for unit in REPEATED:
            row(f"'{unit.strip()}' xN", sizes, lambda size, unit=unit: repeated(unit, size), folder, floor)
        line_sizes = [int(mb * 1024 * 1024) for mb in args.line_mb]
        print(f"{'single line':<26} " + " ".join(f"{mb:>6g}MB" for mb in args.line_mb) + "   growth per 4x")
        row("sentences, no newline", line_sizes, one_line, folder, floor)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
