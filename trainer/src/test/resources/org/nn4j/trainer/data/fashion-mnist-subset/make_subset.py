"""Writes the first 2,000 training and 1,000 test examples of Debian's Fashion-MNIST here.

python3 make_subset.py [SOURCE_DIR]   (default /usr/share/datasets/fashion-mnist)
"""
import gzip
import os
import struct
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/datasets/fashion-mnist'
HERE = os.path.dirname(os.path.abspath(__file__))


def cut(name, count):
    data = gzip.open(os.path.join(SOURCE, name)).read()
    magic = struct.unpack('>I', data[:4])[0]
    dims = magic & 0xff
    shape = struct.unpack('>' + 'I' * dims, data[4:4 + 4 * dims])
    per_example = 1
    for size in shape[1:]:
        per_example *= size
    header = struct.pack('>I', magic) + struct.pack('>' + 'I' * dims, count, *shape[1:])
    body = data[4 + 4 * dims:4 + 4 * dims + count * per_example]
    assert len(body) == count * per_example
    with open(os.path.join(HERE, name), 'wb') as out:
        # mtime 0 and no file name: the same bytes every time
        with gzip.GzipFile(filename='', mode='wb', fileobj=out, mtime=0, compresslevel=9) as g:
            g.write(header + body)


cut('train-images-idx3-ubyte.gz', 2000)
cut('train-labels-idx1-ubyte.gz', 2000)
cut('t10k-images-idx3-ubyte.gz', 1000)
cut('t10k-labels-idx1-ubyte.gz', 1000)
