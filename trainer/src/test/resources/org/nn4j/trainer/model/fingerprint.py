"""The data-set fingerprint that TrainingFingerprintTest expects, computed apart from nn4j.

The documented digest: h = 0x9e3779b97f4a7c15; for each block of up to 256 rows, every
feature bit pattern h = (h ^ bits) * 0xbf58476d1ce4e5b9, then every target's
h = (h ^ bits) * 0x94d049bb133111eb (64-bit wrap-around); finally h ^ (h >>> 31) as 16
lower-case hexadecimal digits. Run: python3 fingerprint.py
"""
import struct

M = (1 << 64) - 1


def bits(v):
    return struct.unpack('<Q', struct.pack('<d', float(v)))[0]


def fingerprint(rows, features, targets, x, t):
    h = 0x9e3779b97f4a7c15
    for start in range(0, rows, 256):
        count = min(256, rows - start)
        for v in x[start * features:(start + count) * features]:
            h = ((h ^ bits(v)) * 0xbf58476d1ce4e5b9) & M
        for v in t[start * targets:(start + count) * targets]:
            h = ((h ^ bits(v)) * 0x94d049bb133111eb) & M
    return format(h ^ (h >> 31), '016x')


print('two targets', fingerprint(2, 1, 2, [0.25, -4.0], [1.0, 0.0, 0.0, 1.0]))
print('small', fingerprint(3, 2, 1, [0.5, -1.0, 2.0, 3.25, 0.0, 1e-3], [1.0, 0.0, 1.0]))
n = 300
print('300 rows', fingerprint(n, 1, 1, [i * 0.5 for i in range(n)], [float(i % 3) for i in range(n)]))
