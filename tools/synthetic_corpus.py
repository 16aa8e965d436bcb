"""Writes a synthetic corpus as JSON Lines for `lexgraph ingest`: N opinions
(default 100,000), each citing ten of 50,000 case authorities, drawn with
the skew of real citations (a few cited tens of thousands of times, most
rarely), as the synthetic graph of benches/common/mod.rs does. It measures
the whole program on a corpus of that size: ingest it, then time opening it.

    python3 tools/synthetic_corpus.py 100000 > /tmp/synthetic.jsonl
    lexgraph --corpus /tmp/synthetic ingest /tmp/synthetic.jsonl
"""

import json
import sys

AUTHORITIES = 50_000
CITES = 10
SIGNALS = ["", "See ", "See also "]


class Rng:
    """xorshift, so that every run writes the same corpus."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        mask = (1 << 64) - 1
        self.state ^= (self.state << 13) & mask
        self.state ^= self.state >> 7
        self.state ^= (self.state << 17) & mask
        return self.state

    def skewed(self, n):
        u = (self.next() % 1_000_000) / 1_000_000
        return int(u * u * u * n) % n


def opinion(i, rng):
    sentences = []
    for k in range(CITES):
        v = rng.skewed(AUTHORITIES) + 1
        signal = SIGNALS[rng.next() % 3]
        pin = rng.next() % 900 + 1
        sentences.append(
            f"The court considered point {k} of the motion. {signal}Party{v} v. "
            f"Respondent, {v} F.3d {v % 997 + 1}, {pin} (7th Cir. {1950 + v % 75})."
        )
    text = f"Appellant{i} v. Appellee{i}\n\n" + "\n\n".join(sentences) + "\n"
    return {
        "id": f"op-{i}",
        "case_name": f"Appellant{i} v. Appellee{i}",
        "court": "N.D. Ill.",
        "date": f"{1990 + i % 35}-01-01",
        "text": text,
    }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = Rng(0x5EED)
    out = sys.stdout
    for i in range(count):
        out.write(json.dumps(opinion(i, rng)))
        out.write("\n")


if __name__ == "__main__":
    main()
