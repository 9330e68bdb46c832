"""Known answers for the TCK's Images group (images.properties).

Each case is a batch of NHWC images (one image a row, channel fastest, as
org.nn4j.api.ImageShape lays them out), a window (kernel, stride, padding as TensorFlow
defines 'valid' and 'same'), and what numpy computes for it, written independently of nn4j:
  cols      im2col: row (n, oy, ox), column (ky, kx, c) of the zero-padded image
  col2im    the adjoint of im2col applied to dcols: np.add.at into the padded image, then
            the padding cut off
  max       max pooling: np.max over the window with -inf padding (a NaN propagates)
  maxGrad   its gradient for dy: dy[n, oy, ox, c] goes to np.argmax of the window (the first
            maximum in (ky, kx) order; the first NaN if there is one), summed with np.add.at
  avg       average pooling: the window's sum over the number of image positions it covers
            (padding not counted, as TensorFlow)
  avgGrad   its gradient for dy: dy / count spread over those positions
The inputs are multiples of 1/4 in [-4, 4) (exact in float32, and with ties for the maximum),
written out, so the Java side needs neither numpy nor its generator.

Run from this directory:
  python3 images_reference.py > images.properties
"""
import math

import numpy as np

# name: (batch, height, width, channels, kernelHeight, kernelWidth, stride, padding, nan)
CASES = {
    "sameStride2": (2, 5, 4, 3, 3, 2, 2, "same", False),
    "sameAsymmetric": (1, 4, 4, 1, 2, 2, 1, "same", False),
    "sameKernel4": (1, 5, 5, 1, 4, 4, 1, "same", False),
    "validStride2": (3, 6, 5, 2, 3, 3, 2, "valid", False),
    "kernelIsTheImage": (1, 3, 3, 2, 3, 3, 1, "valid", False),
    "kernelLargerThanTheImage": (1, 2, 2, 1, 3, 3, 1, "same", False),
    "oneByOneStride2": (2, 4, 4, 2, 1, 1, 2, "valid", False),
    "strideLargerThanKernel": (1, 7, 7, 1, 2, 2, 3, "valid", False),
    "pool2x2": (2, 4, 6, 2, 2, 2, 2, "valid", False),
    "pool3x3Overlapping": (1, 5, 5, 2, 3, 3, 1, "same", False),
    "nanInAWindow": (2, 4, 4, 2, 2, 2, 2, "valid", True),
    "nanOverlapping": (1, 4, 4, 1, 3, 3, 1, "same", True),
}


def geometry(size, kernel, stride, padding):
    """(output size, padding before) as TensorFlow computes them."""
    if padding == "valid":
        out = math.ceil((size - kernel + 1) / stride)
        return out, 0
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2


def padded(x, kh, kw, stride, padding, value):
    n, h, w, c = x.shape
    oh, top = geometry(h, kh, stride, padding)
    ow, left = geometry(w, kw, stride, padding)
    bottom = max((oh - 1) * stride + kh - h - top, 0)
    right = max((ow - 1) * stride + kw - w - left, 0)
    p = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=value)
    return p, oh, ow, top, left


def windows(p, kh, kw, stride, oh, ow):
    """(n, oh, ow, kh, kw, c): every window of the padded batch."""
    v = np.lib.stride_tricks.sliding_window_view(p, (kh, kw), axis=(1, 2))
    # sliding_window_view puts the window axes last: (n, y, x, c, kh, kw)
    v = v[:, ::stride, ::stride][:, :oh, :ow]
    return np.moveaxis(v, 3, 5)


def case(name, n, h, w, c, kh, kw, stride, padding, nan, rng):
    x = rng.integers(-16, 16, size=(n, h, w, c)).astype(np.float64) / 4
    if nan:
        x[0, 1, 1, 0] = np.nan
        x[-1, h - 1, 0, c - 1] = np.nan
        x[-1, h - 1, 1, c - 1] = np.nan
    p0, oh, ow, top, left = padded(x, kh, kw, stride, padding, 0.0)
    cols = windows(p0, kh, kw, stride, oh, ow).reshape(n * oh * ow, kh * kw * c)

    dcols = rng.integers(-16, 16, size=cols.shape).astype(np.float64) / 4
    back = np.zeros_like(p0)
    d = dcols.reshape(n, oh, ow, kh, kw, c)
    for oy in range(oh):
        for ox in range(ow):
            np.add.at(back, (slice(None), slice(oy * stride, oy * stride + kh),
                             slice(ox * stride, ox * stride + kw), slice(None)), d[:, oy, ox])
    col2im = back[:, top:top + h, left:left + w, :]

    pinf, _, _, _, _ = padded(x, kh, kw, stride, padding, -np.inf)
    wmax = windows(pinf, kh, kw, stride, oh, ow)          # (n, oh, ow, kh, kw, c)
    flat = np.moveaxis(wmax, 5, 3).reshape(n, oh, ow, c, kh * kw)
    mx = np.max(flat, axis=4)
    first = np.argmax(flat, axis=4)                       # first maximum, or first NaN
    assert not np.any(np.isneginf(mx)), name + ": a window without an image value"

    dy = rng.integers(-16, 16, size=(n, oh, ow, c)).astype(np.float64) / 4
    gmax = np.zeros_like(p0)
    for b in range(n):
        for oy in range(oh):
            for ox in range(ow):
                for ch in range(c):
                    ky, kx = divmod(int(first[b, oy, ox, ch]), kw)
                    gmax[b, oy * stride + ky, ox * stride + kx, ch] += dy[b, oy, ox, ch]
    maxgrad = gmax[:, top:top + h, left:left + w, :]

    ones, _, _, _, _ = padded(np.ones_like(x), kh, kw, stride, padding, 0.0)
    count = windows(ones, kh, kw, stride, oh, ow).sum(axis=(3, 4))   # (n, oh, ow, c)
    avg = windows(p0, kh, kw, stride, oh, ow).sum(axis=(3, 4)) / count
    gavg = np.zeros_like(p0)
    share = dy / count
    for oy in range(oh):
        for ox in range(ow):
            gavg[:, oy * stride:oy * stride + kh, ox * stride:ox * stride + kw, :] += \
                share[:, oy, ox, None, None, :]
    avggrad = gavg[:, top:top + h, left:left + w, :]
    if nan:
        avg = avggrad = col2im = None   # the NaN cases check max pooling only
    out = {
        "window": f"{n},{h},{w},{c},{kh},{kw},{stride},{padding}",
        "output": f"{oh},{ow},{top},{left}",
        "x": x, "cols": cols, "dcols": dcols, "col2im": col2im,
        "max": mx, "dy": dy, "maxGrad": maxgrad, "avg": avg, "avgGrad": avggrad,
    }
    return {k: v for k, v in out.items() if v is not None}


def text(v):
    if isinstance(v, str):
        return v
    return ",".join("NaN" if math.isnan(e) else repr(float(e)) for e in np.ravel(v))


def main():
    rng = np.random.default_rng(18)
    print(f"# Generated by images_reference.py (numpy {np.__version__}); do not edit.")
    print("cases=" + ",".join(CASES))
    for name, spec in CASES.items():
        for key, value in case(name, *spec, rng).items():
            print(f"{name}.{key}={text(value)}")


if __name__ == "__main__":
    main()
