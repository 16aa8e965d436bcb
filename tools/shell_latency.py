#!/usr/bin/env python3
"""Times the interactive shell as its user sees it, in a pseudo-terminal.

    python3 tools/shell_latency.py CORPUS_DIR [--query Q] [--after SECONDS] [--runs N]

For each run: the time from starting `lexgraph --corpus CORPUS_DIR` to its
first prompt; then, when a query is given, the time from typing it
(SECONDS after the prompt, 0 by default: at once) to the next prompt,
which is when its answer is on the screen. Prints one line per run and
the minimum and median of each.

Uses target/release/lexgraph unless LEXGRAPH names another binary.
"""

import argparse
import os
import pty
import select
import statistics
import sys
import time

PROMPT = b"lexgraph> "


def read_until(fd, marker, seen, deadline):
    """Reads from fd until `marker` occurs after byte `seen` of the output."""
    out = bytearray()
    while marker not in out[seen:]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no {marker!r} in {bytes(out[-200:])!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise TimeoutError("the shell closed its terminal")
            if not chunk:
                raise TimeoutError("the shell closed its terminal")
            out += chunk
    return out


def one_run(binary, corpus, query, after):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, NO_COLOR="1", TERM="dumb")
        os.execve(binary, [binary, "--corpus", corpus], env)
    deadline = start + 120
    out = read_until(fd, PROMPT, 0, deadline)
    prompt = time.monotonic() - start
    answer = None
    if query is not None:
        time.sleep(after)
        typed = time.monotonic()
        os.write(fd, query.encode() + b"\r")
        more = read_until(fd, PROMPT, 0, deadline)
        answer = time.monotonic() - typed
        out += more
    os.write(fd, b"\x04")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return prompt, answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--query")
    parser.add_argument("--after", type=float, default=0.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    binary = os.environ.get("LEXGRAPH", "target/release/lexgraph")
    prompts, answers = [], []
    for run in range(args.runs):
        prompt, answer = one_run(binary, args.corpus, args.query, args.after)
        prompts.append(prompt)
        line = f"run {run + 1}: prompt after {prompt * 1000:.0f} ms"
        if answer is not None:
            answers.append(answer)
            line += f", answer {answer * 1000:.0f} ms after the query was typed"
        print(line, flush=True)
    ms = lambda xs: f"{min(xs) * 1000:.0f} / {statistics.median(xs) * 1000:.0f} ms"
    print(f"prompt: min / median {ms(prompts)}")
    if answers:
        print(f"answer: min / median {ms(answers)}")


if __name__ == "__main__":
    sys.exit(main())
