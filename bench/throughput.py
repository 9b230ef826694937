"""Throughput: articles per second of `copydesk check` on one core, beside proselint.

Builds a corpus of at least 1,000 articles from the furniture dev corpus
(`../shared/corpus/furniture-dev/`: clean/*.txt and the page line texts of pages.jsonl),
repeated with small variations (paragraph order, a dateline, a figure), in bench/out/corpus/
(git-ignored). Then times, in the same run and on the same files:

- `copydesk check --jobs 1` over the whole folder, full built-in rule set;
- proselint (installed on first run into bench/out/venv-proselint with `python -m venv` and
  pip), over the same files in one process (`proselint check FILE...`, its default checks).

    python bench/throughput.py [--articles 1000] [--proselint-sample N]

Rates are articles per second of CPU time (user + system) of each command, "on one core":
wall time on a shared machine measures the neighbours too; both are printed.
`--proselint-sample N` times proselint on the first N files only (its rate is comparable
across sample sizes).
"""

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "corpus" / "furniture-dev"
OUT = ROOT / "bench" / "out"


def source_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SOURCE / "clean").glob("*.txt"))]
    pages = SOURCE / "pages.jsonl"
    if pages.exists():
        for line in pages.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append("\n".join(item["text"] for item in json.loads(line)["lines"]) + "\n")
    if not texts:
        sys.exit(f"no source texts under {SOURCE}")
    return texts


def _vary(text: str, rng: random.Random, copy: int) -> str:
    paragraphs = text.split("\n\n")
    if copy % 3 == 1 and len(paragraphs) > 3:
        body = paragraphs[1:]
        rng.shuffle(body)
        paragraphs = paragraphs[:1] + body
    if copy % 4 == 2:
        paragraphs.insert(min(1, len(paragraphs)), f"The figure rose {rng.randint(2, 90)} percent last year, officials said.")
    if copy % 5 == 3:
        paragraphs.insert(1, "LONDON (Reuters) -")
    return "\n\n".join(paragraphs)


def build_corpus(count: int, folder: Path, scale: int = 1) -> list[Path]:
    """`count` articles in `folder` (reused when it already holds exactly them)."""
    stamp = folder / ".built"
    wanted = f"{count} {scale}"
    files = sorted(folder.glob("*.txt"))
    if stamp.exists() and stamp.read_text() == wanted and len(files) == count:
        return files
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    texts = source_texts()
    rng = random.Random(7)
    for number in range(count):
        base = texts[number % len(texts)]
        text = _vary(base, rng, number // len(texts))
        if scale > 1:
            text = "\n\n".join(_vary(base, rng, number + k) for k in range(scale))
        (folder / f"article-{number:05d}.txt").write_text(text, encoding="utf-8")
    stamp.write_text(wanted)
    return sorted(folder.glob("*.txt"))


def proselint_python() -> Path:
    venv = OUT / "venv-proselint"
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    if not python.exists():
        print("installing proselint into", venv, file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "proselint"], check=True)
    return python


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system of the command's processes) and the result."""
    cpu, start = _child_cpu(), time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed, cpu = time.perf_counter() - start, _child_cpu() - cpu
    if result.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed, cpu, result


def copydesk_command() -> list[str]:
    script = Path(sys.executable).parent / "copydesk"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


def measure(articles: int, proselint_sample: int = 0, skip_proselint: bool = False) -> tuple[float, float | None]:
    """(copydesk's articles per second of CPU time, proselint's or None), printing the details."""
    files = build_corpus(max(articles, 1), OUT / "corpus")
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {len(files)} articles, {megabytes:.1f} MB in {files[0].parent}")
    subprocess.run(copydesk_command() + ["check", "--jobs", "1", str(files[0])], capture_output=True)  # warm the cache
    wall, ours, result = time_command(copydesk_command() + ["check", "--jobs", "1", "--format", "json", str(files[0].parent)])
    findings = len(json.loads(result.stdout)["findings"])
    ours_rate = len(files) / ours
    print(f"copydesk check --jobs 1: {ours:.2f} s CPU ({wall:.2f} s wall), {ours_rate:.1f} articles/s, "
          f"{megabytes / ours:.2f} MB/s ({findings} findings)")
    if skip_proselint:
        return ours_rate, None
    sample = files[:proselint_sample] if proselint_sample else files
    python = proselint_python()
    # proselint's own command line, one process over the files
    wall, theirs, result = time_command([str(python.parent / "proselint"), "check", *map(str, sample)])
    found = sum(1 for line in result.stdout.splitlines() if line.strip())
    if not found:
        sys.exit(f"proselint found nothing ({result.returncode}): {result.stderr[-2000:]}")
    theirs_rate = len(sample) / theirs
    print(f"proselint check ({len(sample)} articles): {theirs:.2f} s CPU ({wall:.2f} s wall), "
          f"{theirs_rate:.1f} articles/s ({found} findings)")
    return ours_rate, theirs_rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--proselint-sample", type=int, default=0, help="time proselint on this many files (0: all)")
    parser.add_argument("--skip-proselint", action="store_true")
    args = parser.parse_args()
    ours_rate, theirs_rate = measure(args.articles, args.proselint_sample, args.skip_proselint)
    if theirs_rate:
        print(f"ratio: copydesk is {ours_rate / theirs_rate:.1f}x proselint's articles per second of CPU time (target >= 10x)")


if __name__ == "__main__":
    main()
