"""Hostile inputs: thousands of generated articles, front matter, configs, rule packs and
filesystem oddities through the console script, checking what issue 17 asks.

    python bench/hostile_inputs.py [--count 10000] [--seed 1] [--batch 250] [--keep DIR]

Inputs come from tests/hostile.py (the generators the hypothesis tests use). Folders of
generated articles (with subfolders under generated configs, and filesystem oddities: FIFOs,
links to /dev/zero, dangling and outward links, hard links, read-only and huge sparse files,
odd names) go through `copydesk check` (text, and JSON with --jobs 2), `--fix` twice on a copy,
and `--diff` on another copy applied with `git apply`. Rule packs of one generated rule file
each run in this process (`lint.cli.main`). Checked, and printed with the count and the time:

- tracebacks (and "internal error" lines): 0 wanted
- hangs (a run past --timeout seconds): 0 wanted
- exit codes other than 0, 1 or 2: 0 wanted
- files without a report: every article file the folder holds is counted in the summary as
  checked or not checked, or named in a "(skipped)" notice
- `--fix` twice differs from once: files a second --fix changed again
- patches from `--diff` that `git apply` refuses, and files the applied patch leaves different
  from what --fix wrote
Not a timed test: run it by hand. Exits 1 when a check other than the --fix-twice count fails.
"""

import argparse
import contextlib
import io
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import hostile  # noqa: E402
from hostile import Tally, build, check_fixes, check_reports  # noqa: E402
from lint import cli  # noqa: E402

def check_rule_packs(count: int, seed: int, scratch: Path, tally: Tally) -> None:
    """Rule packs of one generated rule file each, linted in this process (no start-up cost)."""
    rng = random.Random(seed)
    article = scratch / "packs" / "story.txt"
    article.parent.mkdir(parents=True)
    article.write_text("Talks resume\n\nBy Jane Doe, Reuters\n\nWe utilise it, officials said.\n", encoding="utf-8")

    def alarm(*_):
        raise TimeoutError("rule pack run hung")

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        for number in range(count):
            pack = scratch / "packs" / f"pack{number}"
            pack.mkdir()
            (pack / "rule.yaml").write_text(hostile.rule_file(rng), encoding="utf-8", errors="surrogatepass")
            tally.inputs["rule packs"] += 1
            out, err = io.StringIO(), io.StringIO()
            signal.alarm(60)
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = cli.main(["check", "--no-cache", "--rules", str(pack), str(article)])
            except TimeoutError:
                tally.fail("hangs", f"rule pack {pack}")
                continue
            except BaseException as exc:  # noqa: BLE001 - a crash is what this counts
                tally.fail("tracebacks", f"rule pack {pack}: {type(exc).__name__}: {exc}")
                continue
            finally:
                signal.alarm(0)
            lines = err.getvalue().splitlines()
            if code not in (0, 1, 2):
                tally.fail("exit codes", f"rule pack {pack}: exit {code}")
            if code == 2 and len(lines) != 1:
                tally.fail("rule pack errors not one line", f"{pack}: {lines[:3]}")
    finally:
        signal.signal(signal.SIGALRM, previous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000, help="inputs in all (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=250, help="inputs per folder")
    parser.add_argument("--packs", type=float, default=0.05, help="share of the inputs that are rule packs")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run counts as hung")
    parser.add_argument("--keep", type=Path, help="keep the generated folders here")
    args = parser.parse_args()
    if not shutil.which("git"):
        sys.exit("needs git (to apply the --diff patches)")
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="copydesk-hostile-"))
    tally, start = Tally(), time.monotonic()
    packs = int(args.count * args.packs)
    check_rule_packs(packs, args.seed, scratch, tally)
    batch = 0
    while sum(tally.inputs.values()) - tally.inputs["patches"] < args.count:
        seed = args.seed * 1_000_003 + batch
        size = min(args.batch, args.count - (sum(tally.inputs.values()) - tally.inputs["patches"]))
        folders = [scratch / f"batch{batch}" / part for part in ("check", "fixed", "patched")]
        odd = build(folders[0], seed, size, tally)
        for folder in folders[1:]:
            build(folder, seed, size, None)
        check_reports(folders[0], args.timeout, tally, jobs=batch % 4 == 0)
        check_fixes(folders[1], folders[2], odd, args.timeout, tally)
        if not args.keep:
            shutil.rmtree(scratch / f"batch{batch}", ignore_errors=True)
        batch += 1
        done = sum(tally.inputs.values()) - tally.inputs["patches"]
        print(f"  {done} inputs, {time.monotonic() - start:.0f} s, problems so far: {dict(tally.problems) or 'none'}",
              file=sys.stderr, flush=True)
    elapsed = time.monotonic() - start
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    report(tally, elapsed)
    failing = {k: v for k, v in tally.problems.items() if k != "--fix twice differs from once"}
    sys.exit(1 if failing else 0)


def report(tally: Tally, elapsed: float) -> None:
    inputs = sum(tally.inputs.values()) - tally.inputs["patches"]
    print(f"{inputs} generated inputs in {elapsed:.0f} s ({tally.runs} console-script runs): "
          + ", ".join(f"{n} {kind}" for kind, n in sorted(tally.inputs.items()) if kind != "patches"))
    print(f"--diff patches applied with git apply: {tally.inputs['patches']}")
    checks = ["tracebacks", "hangs", "exit codes", "files without a report", "'No findings' on exit 2",
              "--jobs differs", "rule pack errors not one line", "patches git apply refuses",
              "patch differs from --fix", "--fix twice differs from once"]
    for check in checks + sorted(set(tally.problems) - set(checks)):
        print(f"  {check}: {tally.problems[check]}")
        for example in tally.examples.get(check, []):
            print(f"      e.g. {example}")


if __name__ == "__main__":
    main()
