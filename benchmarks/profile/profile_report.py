"""Shares of JFR samples by kernel, from `jfr print --events jdk.ExecutionSample,
jdk.NativeMethodSample` output (benchmarks/profile/cnn-profile.sh). A sample counts for the
first group its top frames match (see GROUPS). Java samples and native samples (a Java thread
inside a native method, e.g. OpenBLAS's dgemm) are counted together, a native sample twice:
JFR's "profile" settings sample Java code every 10 ms and native methods every 20 ms."""
import collections
import re
import sys

# (group, pattern over the innermost frame(s), joined innermost first)
GROUPS = [
    ("matrix products (gemm)", r"dotRows|axpyRows|MatrixMatrixMult|gemm|Gemm|cblas_|CommonsLinearAlgebra\.axpyRow"),
    ("allocating buffers", r"allocateDataBuffer|Nd4jMatrix\.zeros|memset|Arrays\.fill"),
    ("im2col / col2im", r"ImageKernels\.(im2col|col2im)|Window\.pad"),
    ("pooling", r"ImageKernels\.(pool|maxPoolBackward|averagePoolBackward)"),
    ("activations", r"ActivationKernels|execTransform"),
    ("bias, column sums, dropout", r"addRowVector|columnSums|multiplyRowVector|Dropout"),
    ("copies between layouts", r"toRowMajor|CopyFromRowMajor|copyFromRowMajor|rowMajorElements|unsafe_get|arraycopy"),
    ("optimizer (Adam)", r"adamStep|Optimizer"),
    ("reading data", r"Idx\.|Inflater|FashionMnist\.load"),
]


def main(path):
    text = open(path).read()
    counts = collections.Counter()
    total = 0
    parts = re.split(r"jdk\.(ExecutionSample|NativeMethodSample)", text)
    for kind, sample in zip(parts[1::2], parts[2::2]):
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        if not frames:
            continue
        weight = 2 if kind == "NativeMethodSample" else 1
        total += weight
        head = " ".join(frames[:3])
        for name, pattern in GROUPS:
            if re.search(pattern, head):
                counts[name] += weight
                break
        else:
            counts["other"] += weight
    for name, c in counts.most_common():
        print(f"{100 * c / total:5.1f} %  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
