"""Dutch evaluation text: prose paragraphs of the service's reports in ../shared/corpus (read at
evaluation time, never copied into the repository), or the sample texts when it is absent."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def dutch_paragraphs():
    folder = os.path.join(ROOT, "..", "shared", "corpus")
    paragraphs = []
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                for block in handle.read().split("\n\n"):
                    words = block.split()
                    # Whole prose paragraphs only: skip headings, lists and page furniture.
                    if len(words) >= 40:
                        paragraphs.append(" ".join(words))
    if not paragraphs:
        import sys
        sys.path.insert(0, os.path.join(ROOT, "scripts"))
        from sample_texts import NOTICE_OF_DEFAULT, EMPLOYMENT_CONTRACT
        paragraphs = [t for s, t in NOTICE_OF_DEFAULT + EMPLOYMENT_CONTRACT if len(t.split()) > 10]
    return paragraphs
