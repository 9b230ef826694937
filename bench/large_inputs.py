"""Large inputs: wall time and peak memory of `copydesk check` on big articles.

Generates a long article (many paragraphs, with quotes, attributions, credits and some page
furniture) and a single very long line, at 1/4, 1/2 and full size, runs the installed
console script on each in a subprocess, and prints wall time, peak resident memory of that
subprocess (os.wait4 rusage) and the ratios between sizes, so that superlinear growth shows.
Not a timed test: run it by hand.

    python bench/large_inputs.py [--article-mb 50] [--line-mb 5] [--keep DIR] [--yaml-only]

It also times YAML loading (the built-in rule packs and a 200,000-term lexicon) with the
libyaml-based loader that lint.yamlsafe uses and with the pure-Python SafeLoader fallback.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PARAGRAPHS = [
    "The talks resumed on Monday in Geneva, officials said, after a week of delays.",
    "\u201cWe are not there yet,\u201d the minister told reporters. \u201cBut we are close.\u201d",
    "Critics say the plan will fail, and some experts believe it could cost 3 billion dollars.",
    "According to a document seen by Reuters, the deal would cut tariffs by 40 percent.",
    "A senior official, who spoke on condition of anonymity because he was not authorised to "
    "speak publicly, said the 'final text' was still being drafted.",
    "Share this article\nRead more\nSign up for our newsletter",
    "Markets rose 2% on the news, the biggest gain since March, traders said.",
    "She said: \u201cThe ministers will meet again \u2018as soon as possible\u2019.\u201d",
    "\u201cUnclosed quotation that runs on into the next paragraph, he said.",
    "Reporting by Jane Doe; Editing by John Smith",
]


def article(size: int, seed: int = 1) -> bytes:
    """An article of about `size` bytes: headline, byline, then many paragraphs."""
    rng = random.Random(seed)
    parts = ["Talks resume in Geneva as deadline nears\n\nBy Jane Doe, Reuters\n\n"]
    total = len(parts[0].encode())
    while total < size:
        paragraph = rng.choice(PARAGRAPHS) + "\n\n"
        parts.append(paragraph)
        total += len(paragraph.encode())
    return "".join(parts).encode()


def one_line(size: int, seed: int = 2) -> bytes:
    """A single line of about `size` bytes: sentences and quotes with no newline until the end."""
    rng = random.Random(seed)
    parts = ["By Jane Doe, Reuters. "]
    total = len(parts[0])
    flat = [p.replace("\n", " ") for p in PARAGRAPHS]
    while total < size:
        sentence = rng.choice(flat) + " "
        parts.append(sentence)
        total += len(sentence.encode())
    return ("".join(parts).rstrip() + "\n").encode()


def copydesk() -> list[str]:
    script = Path(sys.executable).parent / "copydesk"
    return [str(script)] if script.exists() else [shutil.which("copydesk") or "copydesk"]


def run(path: Path) -> dict:
    """Run `copydesk check --format json` on one file; wall time, peak RSS, findings.

    Peak memory comes from /usr/bin/time when present: a child forked from this (large)
    process would otherwise inherit its resident high-water mark in os.wait4's ru_maxrss.
    """
    out_path, err_path, time_path = path.with_suffix(".json"), path.with_suffix(".err"), path.with_suffix(".time")
    timer = ["/usr/bin/time", "-f", "%M", "-o", str(time_path)] if Path("/usr/bin/time").exists() else []
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(timer + copydesk() + ["check", "--format", "json", str(path)], stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kib = usage.ru_maxrss
    if timer:
        rss_kib = int(time_path.read_text().split()[-1])
    try:
        findings = len(json.loads(out_path.read_bytes())["findings"])
    except (ValueError, KeyError):
        findings = -1
    stderr = err_path.read_text(errors="replace").strip()
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": rss_kib / 1024,  # Linux reports KiB
        "exit": proc.returncode,
        "findings": findings,
        "stderr": stderr.splitlines()[:3],
    }


def series(label: str, make, full: int, folder: Path) -> None:
    print(f"\n{label}")
    print(f"{'size':>10} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'s/MB':>7} {'MB/MB':>7} {'exit':>4} {'findings':>9}")
    previous = None
    for fraction in (0.25, 0.5, 1.0):
        size = int(full * fraction)
        path = folder / f"{label.split()[0]}-{size}.txt"
        path.write_bytes(make(size))  # the generated text is freed before the run
        actual = path.stat().st_size / (1024 * 1024)
        result = run(path)
        print(
            f"{actual:>8.1f}MB {result['wall']:>8.2f} {result['cpu']:>8.2f} {result['rss_mb']:>8.0f} "
            f"{result['wall'] / actual:>7.3f} {result['rss_mb'] / actual:>7.1f} {result['exit']:>4} {result['findings']:>9}"
        )
        for line in result["stderr"]:
            print(f"{'':>10} stderr: {line[:150]}")
        if previous:
            print(f"{'':>10} x{actual / previous[0]:.2f} size -> x{result['wall'] / previous[1]:.2f} time, x{result['rss_mb'] / previous[2]:.2f} peak memory")
        previous = (actual, result["wall"], result["rss_mb"])


def yaml_speed(terms: int = 200_000) -> None:
    """Best-of-n load time of the rule packs and of a big lexicon, C loader against Python."""
    import yaml

    sys.path.insert(0, str(ROOT))
    from lint import yamlsafe

    files = sorted((ROOT / "rules").rglob("*.yaml"))
    lexicon = "name: huge\ndescription: many terms\nterms:\n" + "".join(f"  - term{n}word\n" for n in range(terms))

    def best(action, repeat: int) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        return min(times)

    print(f"\nYAML loading (PyYAML {yaml.__version__}, libyaml {'yes' if yamlsafe.WITH_LIBYAML else 'no'})")
    loaders = [("python", yamlsafe._PyLoader, yaml.SafeLoader)]
    if yamlsafe.WITH_LIBYAML:
        loaders.insert(0, ("c", yamlsafe._Loader, yaml.CSafeLoader))
    saved = yamlsafe._Loader, yamlsafe._SafeBase
    results = {}
    try:
        for name, loader, base in loaders:
            yamlsafe._Loader, yamlsafe._SafeBase = loader, base
            packs = best(lambda: [yamlsafe.load_file(path) for path in files], 5)
            big = best(lambda: yamlsafe.load_text(lexicon, "huge.yaml"), 2)
            results[name] = (packs, big)
            print(f"{name:>8}: {len(files)} pack files {packs * 1000:7.1f} ms   {terms:,}-term lexicon "
                  f"({len(lexicon) / 1e6:.1f} MB) {big:6.2f} s")
    finally:
        yamlsafe._Loader, yamlsafe._SafeBase = saved
    if len(results) == 2:
        (c_packs, c_big), (p_packs, p_big) = results["c"], results["python"]
        print(f"{'speed-up':>8}: packs x{p_packs / c_packs:.1f}, lexicon x{p_big / c_big:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article-mb", type=float, default=50)
    parser.add_argument("--line-mb", type=float, default=5)
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    parser.add_argument("--yaml-only", action="store_true", help="only time YAML loading")
    args = parser.parse_args()
    yaml_speed()
    if args.yaml_only:
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="copydesk-large-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        series("article (many paragraphs)", article, int(args.article_mb * 1024 * 1024), folder)
        series("line (one line, no newline)", one_line, int(args.line_mb * 1024 * 1024), folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
