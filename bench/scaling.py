"""Scaling: `copydesk check --jobs N` speed-up, identical results, and peak memory as the corpus grows.

Builds corpora of 1x, 4x and 16x `--base` articles (from the furniture dev corpus, see
bench/throughput.py) in bench/out/, then:

- times `--jobs 1` and `--jobs N` (default: every CPU) on the 4x corpus and checks that the
  JSON reports are identical;
- reports the peak resident memory (max RSS of the largest process: the main process, or one
  worker) of `--jobs 1` and `--jobs N` on 1x, 4x and 16x: flat means memory does not grow
  with the corpus.

    python bench/scaling.py [--base 100] [--jobs 0]
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import OUT, build_corpus, copydesk_command  # noqa: E402

_MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.buffer.write(f"{elapsed} {peak}\n".encode() + result.stdout)
"""


def run(command: list[str]) -> tuple[float, float, bytes]:
    """(seconds, peak RSS of the largest child process in MB, stdout)."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, check=True).stdout
    first, _, report = out.partition(b"\n")
    seconds, peak_kb = first.split()
    return float(seconds), int(peak_kb) / 1024, report


def measure(base: int, jobs: int) -> tuple[float, bool, dict]:
    """(speed-up of --jobs N over --jobs 1 on the 4x corpus, whether their reports are identical,
    {jobs: [peak MB at 1x, 4x, 16x]}), printing the details."""
    tool = copydesk_command()
    folders = {scale: build_corpus(base * scale, OUT / f"scaling-{scale}x")[0].parent for scale in (1, 4, 16)}
    subprocess.run(tool + ["check", str(next(folders[1].glob("*.txt")))], capture_output=True)  # warm the cache
    serial, _, serial_report = run(tool + ["check", "--jobs", "1", "--format", "json", str(folders[4])])
    parallel, _, parallel_report = run(tool + ["check", "--jobs", str(jobs), "--format", "json", str(folders[4])])
    same = json.loads(serial_report) == json.loads(parallel_report)
    print(f"4x corpus ({base * 4} articles): --jobs 1 {serial:.2f} s, --jobs {jobs} {parallel:.2f} s: "
          f"speed-up {serial / parallel:.2f}x on {os.cpu_count()} CPUs; reports identical: {same}")
    peaks = {}
    for count in (1, jobs):
        peaks[count] = [run(tool + ["check", "--jobs", str(count), "--format", "json", str(folders[scale])])[1] for scale in (1, 4, 16)]
        shown = ", ".join(f"{scale}x ({base * scale} articles) {peak:.0f} MB" for scale, peak in zip((1, 4, 16), peaks[count]))
        print(f"peak RSS per process, --jobs {count}: {shown}")
    return serial / parallel, same, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=100, help="articles in the 1x corpus")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: every CPU)")
    args = parser.parse_args()
    _, same, _ = measure(args.base, args.jobs or os.cpu_count() or 1)
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
