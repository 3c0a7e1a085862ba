#!/usr/bin/python3
"""Writes the Fashion-MNIST test sample shipped in this bundle: the first 200 test images of each class,
in file order (2,000 images), as gzip-compressed IDX files that are byte-identical on every run.

Usage: /usr/bin/python3 scripts/make_fashion_sample.py [SOURCE_DIR] [OUT_DIR]
SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist)."""
import gzip
import struct
import sys
from pathlib import Path

PER_CLASS = 200
CLASSES = 10


def read_idx(path):
    data = gzip.decompress(path.read_bytes())
    zero, type_code, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or type_code != 0x08:
        raise SystemExit(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return shape, data[4 + 4 * rank:]


def write_idx(path, shape, payload):
    header = struct.pack(">HBB", 0, 0x08, len(shape)) + struct.pack(">" + "I" * len(shape), *shape)
    # mtime=0 and no file name in the gzip header, so the output depends on the content only
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as f:
        f.write(header + payload)


def main():
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).resolve().parent.parent / "fashion-mnist")
    (count, rows, cols), pixels = read_idx(source / "t10k-images-idx3-ubyte.gz")
    (label_count,), labels = read_idx(source / "t10k-labels-idx1-ubyte.gz")
    assert count == label_count == 10000
    taken = {c: [] for c in range(CLASSES)}
    for i, label in enumerate(labels):
        if len(taken[label]) < PER_CLASS:
            taken[label].append(i)
    chosen = sorted(i for ids in taken.values() for i in ids)
    assert len(chosen) == PER_CLASS * CLASSES
    size = rows * cols
    out.mkdir(parents=True, exist_ok=True)
    write_idx(out / "t10k-sample-images-idx3-ubyte.gz", (len(chosen), rows, cols),
              b"".join(pixels[i * size:(i + 1) * size] for i in chosen))
    write_idx(out / "t10k-sample-labels-idx1-ubyte.gz", (len(chosen),), bytes(labels[i] for i in chosen))
    (out / "t10k-sample-indices.txt").write_text(
        "# index in t10k-images-idx3-ubyte of each sample image, in sample order\n"
        + "\n".join(str(i) for i in chosen) + "\n")
    print(f"{len(chosen)} images ({PER_CLASS} per class), last test index used {chosen[-1]}, written to {out}")


if __name__ == "__main__":
    main()
