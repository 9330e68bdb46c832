"""Writes the fuzz tests' broken seed inputs from the valid ones (run from trainer/).

The two valid model files, ModelFileFuzzTestInputs/load/valid-*.npz, were written by
ModelFile.save: valid-linear-regression.npz is 2 -> dense 3 (W = [[3,7,4],[5,2,6]],
b = [2,9,3]), MSE; valid-classifier.npz is 4 -> dense 3 -> leaky-relu(0.01) -> dense 2 ->
sigmoid, softmax cross-entropy, with element i of each array sin(i + 1). Everything else here
derives from them or is written by hand (the IDX inputs).
"""
import gzip
import io
import struct
import zipfile

import numpy as np

M = 'src/test/resources/org/nn4j/trainer/io/ModelFileFuzzTestInputs/load'
I = 'src/test/resources/org/nn4j/trainer/data/IdxFuzzTestInputs/read'
FIXED_TIME = (2026, 1, 31, 12, 0, 0)  # so that the script writes the same bytes every time

valid = open(M + '/valid-linear-regression.npz', 'rb').read()
open(M + '/truncated.npz', 'wb').write(valid[:len(valid) * 2 // 3])
flipped = bytearray(valid)
flipped[700] ^= 0x10
open(M + '/bit-flipped.npz', 'wb').write(bytes(flipped))
entries = {n: zipfile.ZipFile(io.BytesIO(valid)).read(n) for n in zipfile.ZipFile(io.BytesIO(valid)).namelist()}


def write(name, entries, method=zipfile.ZIP_STORED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w', method) as out:
        for n, data in entries.items():
            out.writestr(zipfile.ZipInfo(n, FIXED_TIME), data, compress_type=method)
    open(M + '/' + name, 'wb').write(b.getvalue())


def npy(header, data=b''):
    h = header.encode('ascii')
    return b'\x93NUMPY\x01\x00' + struct.pack('<H', len(h)) + h + data


write('python-zipfile-deflated.npz', entries, zipfile.ZIP_DEFLATED)
e = dict(entries)
e['model.json'] = e['model.json'].replace(b'"version": 1', b'"version": 7')
write('version-7.npz', e)
e = dict(entries)
e['dense0.weights.npy'] = b'\x93NUMPY\x01\x00\xff\xff' + b' ' * 60
write('npy-header-65535.npz', e)
e = dict(entries)
e['dense0.weights.npy'] = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483648, 2147483648), }\n", b'\0' * 48)
write('npy-shape-2pow31.npz', e)
e = dict(entries)
e['dense0.weights.npy'] = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }\n", b'\0' * 48)
write('npy-float32.npz', e)
# A valid float32 model: the linear regression's description with "precision": "float32" and
# '<f4' arrays (its values are floats).
e = dict(entries)
e['model.json'] = e['model.json'].replace(b'"version": 1,', b'"version": 1,\n  "precision": "float32",')
for n in ('dense0.weights', 'dense0.bias'):
    a = np.load(io.BytesIO(entries[n + '.npy']))
    f = io.BytesIO()
    np.lib.format.write_array(f, a.astype('<f4'), version=(1, 0))
    e[n + '.npy'] = f.getvalue()
write('valid-float32-linear-regression.npz', e)
# numpy's own npz, without model.json: not an nn4j model.
b = io.BytesIO()
np.savez(b, w=np.zeros((2, 3)))
open(M + '/numpy-savez-without-description.npz', 'wb').write(b.getvalue())
# The arrays written by numpy the way numpy.savez writes them (zip64 extra fields).
with zipfile.ZipFile(M + '/numpy-written.npz', 'w', zipfile.ZIP_STORED) as z:
    z.writestr(zipfile.ZipInfo('model.json', FIXED_TIME), entries['model.json'])
    for name, arr in [('dense0.weights', np.array([[3., 7, 4], [5, 2, 6]])),
                      ('dense0.bias', np.array([2., 9, 3]))]:
        with z.open(zipfile.ZipInfo(name + '.npy', FIXED_TIME), 'w', force_zip64=True) as f:
            np.lib.format.write_array(f, arr, allow_pickle=False)


def idx(dims, data, typ=8):
    return bytes([0, 0, typ, len(dims)]) + b''.join(struct.pack('>i', d) for d in dims) + data


open(I + '/valid-images.idx', 'wb').write(idx([2, 2, 3], bytes(range(12))))
open(I + '/valid-labels.idx.gz', 'wb').write(gzip.compress(idx([4], bytes([0, 9, 3, 7])), mtime=0))
open(I + '/truncated.idx', 'wb').write(idx([2, 2, 3], bytes(range(5))))
open(I + '/type-float.idx', 'wb').write(idx([2], b'\0' * 8, 0x0d))
open(I + '/negative-dimension.idx', 'wb').write(idx([-1, 3], b''))
open(I + '/huge-dimensions.idx', 'wb').write(idx([65536, 65536], b'\1\2'))
open(I + '/truncated.idx.gz', 'wb').write(gzip.compress(idx([3], b'abc'), mtime=0)[:15])
