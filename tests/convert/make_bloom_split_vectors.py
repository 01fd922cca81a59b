#!/usr/bin/env python3
"""Writes tests/convert/data/bloom-split.out, the oracle for test_import_tokenizers' BLOOM case.

The published bloom / bloomz tokenizer.json files split text with one regex (white space and sentence
punctuation end a piece) before the byte-level step. ../shared has no such file, so the test takes the
trained shakespeare-bloom tokenizer.json, puts BLOOM's pre_tokenizer section in it, and checks that our
import names it "bloom" and that our tokenizer then encodes text exactly as Hugging Face's own
`tokenizers` library does with the same file.

That vocabulary was trained under GPT-2's split, so none of its merges crosses a GPT-2 piece boundary and
any split coarser than GPT-2's would give the same ids. The merges in data/bloom-split-merges.txt do cross
them (a letter and ':', '.' and a newline, 's' and an apostrophe, a letter and '-', a digit and a
letter), and each of BLOOM's stops with the byte before it in the inputs (which only a split that misses
that stop would merge); they go first, as new tokens after the last id, so the ids show where the pieces
end.

Inputs: llama.cpp's tokenizer test inputs (../shared/vocab/ggml-vocab-falcon.gguf.inp), then
data/bloom-split.inp (the stops BLOOM's split knows, in Chinese, Hindi, Arabic and English). This script
is not run in CI (it needs `pip install tokenizers`):

    python3 tests/convert/make_bloom_split_vectors.py ../shared > tests/convert/data/bloom-split.out
"""
import json
import os
import sys

from tokenizers import Tokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
SEPARATOR = "\n__ggml_vocab_test__\n"

# BLOOM's pre_tokenizer, as bigscience/bloom's tokenizer.json has it.
BLOOM_PRE_TOKENIZER = {
    "type": "Sequence",
    "pretokenizers": [
        {"type": "Split", "pattern": {"Regex": " ?[^(\\s|[.,!?…。，、।۔،])]+"}, "behavior": "Isolated",
         "invert": False},
        {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False},
    ],
}


def read_inputs(path: str) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        inputs = f.read().split(SEPARATOR)
    if inputs and inputs[-1] == "":
        inputs.pop()
    return inputs


def main() -> None:
    shared = sys.argv[1]
    with open(f"{shared}/models/shakespeare-bloom/tokenizer.json", encoding="utf-8") as f:
        tok = json.load(f)
    tok["pre_tokenizer"] = BLOOM_PRE_TOKENIZER
    with open(os.path.join(HERE, "data", "bloom-split-merges.txt"), encoding="utf-8") as f:
        extra = [line.rstrip("\n") for line in f if line.strip()]
    vocab = tok["model"]["vocab"]
    for merge in extra:
        vocab["".join(merge.split(" "))] = len(vocab)
    tok["model"]["merges"] = extra + tok["model"]["merges"]
    tokenizer = Tokenizer.from_str(json.dumps(tok))

    inputs = read_inputs(f"{shared}/vocab/ggml-vocab-falcon.gguf.inp")
    inputs += read_inputs(os.path.join(HERE, "data", "bloom-split.inp"))
    for text in inputs:
        ids = tokenizer.encode(text, add_special_tokens=False).ids
        print(" ".join(str(i) for i in ids))


if __name__ == "__main__":
    main()
