"""Known answers for the TCK's ImageLayerKnownAnswers group (image-layers.properties).

Every batch is NHWC, one image a row, as nn4j's ImageShape: row n read as
x[n].reshape(height, width, channels). Inputs are small multiples of 1/8 drawn from a fixed
numpy generator, so they are exact in float32 and float64, and the convolution's and
pooling's sums are exact too (but for average pooling's divisions by 3, 6 and 9).

  conv.NAME.*     a 2-D convolution, direct loops over the output pixels (no im2col):
                  y[n, oy, ox, f] = b[f] + sum_{ky,kx,c} K[f, ky, kx, c] * x[n, iy, ix, c],
                  iy = oy*stride - padTop + ky (a position outside the image is 0); backward
                  for a given dy: dK, db and dx by the same loops (dx the adjoint scatter).
  maxpool.NAME.*  max pooling and its gradient (the first maximum in (ky, kx) order gets it);
  avgpool.NAME.*  average pooling over the positions inside the image, and its gradient;
  bn.NAME.*       batch normalisation over channels (N*h*w values each): two training batches
                  (outputs and running statistics after each, PyTorch's update with the
                  unbiased variance), the gradients of the first batch for a given dy, and an
                  inference batch with the running statistics;
  dropout.*       inverted dropout with given draws u: kept where u >= rate, scaled 1/(1-rate).

Padding 'same' as TensorFlow: out = ceil(in/stride), total = max((out-1)*stride + k - in, 0),
the smaller half (total // 2) on top/left.

When PyTorch is importable (Debian: /usr/bin/python3 with python3-torch) the convolutions'
and batch normalisation's forward and backward are checked against torch.nn.functional in
float64 to 1e-12; the header records the versions.

Run from this directory:
  /usr/bin/python3 image_layers_reference.py > image-layers.properties
"""
import math

import numpy as np

RNG = np.random.default_rng(20261202)


def eighths(*shape, lo=-8, hi=8):
    return RNG.integers(lo, hi + 1, size=shape).astype(np.float64) / 8.0


def out_and_pad(size, kernel, stride, padding):
    if padding == "valid":
        return (size - kernel) // stride + 1, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2


def geometry(h, w, kh, kw, stride, padding):
    oh, pt = out_and_pad(h, kh, stride, padding)
    ow, pl = out_and_pad(w, kw, stride, padding)
    return oh, ow, pt, pl


def conv(x, k, b, stride, padding):
    n, h, w, c = x.shape
    f, kh, kw, _ = k.shape
    oh, ow, pt, pl = geometry(h, w, kh, kw, stride, padding)
    y = np.zeros((n, oh, ow, f))
    for i in range(n):
        for oy in range(oh):
            for ox in range(ow):
                for o in range(f):
                    s = b[o]
                    for ky in range(kh):
                        for kx in range(kw):
                            iy, ix = oy * stride - pt + ky, ox * stride - pl + kx
                            if 0 <= iy < h and 0 <= ix < w:
                                s += np.dot(k[o, ky, kx, :], x[i, iy, ix, :])
                    y[i, oy, ox, o] = s
    return y


def conv_backward(x, k, stride, padding, dy):
    n, h, w, c = x.shape
    f, kh, kw, _ = k.shape
    oh, ow, pt, pl = geometry(h, w, kh, kw, stride, padding)
    dx, dk, db = np.zeros_like(x), np.zeros_like(k), dy.sum(axis=(0, 1, 2))
    for i in range(n):
        for oy in range(oh):
            for ox in range(ow):
                for o in range(f):
                    g = dy[i, oy, ox, o]
                    for ky in range(kh):
                        for kx in range(kw):
                            iy, ix = oy * stride - pt + ky, ox * stride - pl + kx
                            if 0 <= iy < h and 0 <= ix < w:
                                dk[o, ky, kx, :] += g * x[i, iy, ix, :]
                                dx[i, iy, ix, :] += g * k[o, ky, kx, :]
    return dx, dk, db


def pool(x, kh, kw, stride, padding, kind, dy):
    n, h, w, c = x.shape
    oh, ow, pt, pl = geometry(h, w, kh, kw, stride, padding)
    y, dx = np.zeros((n, oh, ow, c)), np.zeros_like(x)
    for i in range(n):
        for oy in range(oh):
            for ox in range(ow):
                for ch in range(c):
                    cells = [(oy * stride - pt + ky, ox * stride - pl + kx)
                             for ky in range(kh) for kx in range(kw)]
                    cells = [(iy, ix) for iy, ix in cells if 0 <= iy < h and 0 <= ix < w]
                    values = [x[i, iy, ix, ch] for iy, ix in cells]
                    if kind == "max":
                        j = int(np.argmax(values))  # the first maximum
                        y[i, oy, ox, ch] = values[j]
                        dx[i, cells[j][0], cells[j][1], ch] += dy[i, oy, ox, ch]
                    else:
                        y[i, oy, ox, ch] = sum(values) / len(values)
                        for iy, ix in cells:
                            dx[i, iy, ix, ch] += dy[i, oy, ox, ch] / len(values)
    return y, dx


def batch_norm_train(x, gamma, beta, eps):
    c = x.shape[-1]
    rows = x.reshape(-1, c)
    m = rows.shape[0]
    mean = rows.mean(axis=0)
    var = ((rows - mean) ** 2).mean(axis=0)
    xhat = (rows - mean) / np.sqrt(var + eps)
    return (gamma * xhat + beta).reshape(x.shape), mean, var, xhat, m


def batch_norm_backward(x, gamma, eps, dy):
    c = x.shape[-1]
    _, mean, var, xhat, m = batch_norm_train(x, gamma, np.zeros(c), eps)
    g = dy.reshape(-1, c)
    dgamma = (g * xhat).sum(axis=0)
    dbeta = g.sum(axis=0)
    dx = gamma / (m * np.sqrt(var + eps)) * (m * g - dbeta - xhat * dgamma)
    return dx.reshape(x.shape), dgamma, dbeta


def fmt(a):
    return ",".join(repr(float(v)) for v in np.asarray(a).ravel())


OUT = []


def put(key, value):
    OUT.append(f"{key}={value}")


CONV = [  # name, n, h, w, c, filters, kh, kw, stride, padding
    ("same3x3", 2, 5, 5, 2, 3, 3, 3, 1, "same"),
    ("stride2same", 2, 6, 6, 2, 2, 3, 3, 2, "same"),
    ("oneChannelBatchOfOne", 1, 6, 7, 1, 2, 3, 2, 2, "valid"),
    ("oneByOne", 2, 4, 3, 3, 2, 1, 1, 1, "valid"),
    ("kernelIsTheImage", 3, 3, 3, 2, 4, 3, 3, 1, "valid"),
]
POOL = [  # name, kind, n, h, w, c, kh, kw, stride, padding
    ("max2x2", "max", 2, 4, 4, 2, 2, 2, 2, "valid"),
    ("max3x3same", "max", 1, 5, 5, 1, 3, 3, 2, "same"),
    ("avg2x2same", "avg", 2, 5, 5, 2, 2, 2, 2, "same"),
    ("avg3x3overlapping", "avg", 1, 4, 5, 2, 3, 3, 1, "same"),
]
BN = [  # name, n, h, w, c
    ("image", 2, 2, 2, 3),
    ("vector", 4, 1, 1, 3),
]
MOMENTUM, EPSILON = 0.1, 1e-5


def main():
    torch_checks = []
    for name, n, h, w, c, f, kh, kw, stride, padding in CONV:
        x, k, b = eighths(n, h, w, c), eighths(f, kh, kw, c), eighths(f, lo=-4, hi=4)
        y = conv(x, k, b, stride, padding)
        dy = eighths(*y.shape)
        dx, dk, db = conv_backward(x, k, stride, padding, dy)
        p = f"conv.{name}."
        put(p + "geometry", f"{n},{h},{w},{c},{f},{kh},{kw},{stride},{padding}")
        for key, a in (("x", x), ("kernels", k), ("bias", b), ("y", y), ("dy", dy),
                       ("dx", dx), ("dKernels", dk), ("dBias", db)):
            put(p + key, fmt(a))
        torch_checks.append(("conv", x, k, b, stride, padding, y, dy, dx, dk, db))
    for name, kind, n, h, w, c, kh, kw, stride, padding in POOL:
        # distinct values, so max pooling has no ties
        x = (RNG.permutation(n * h * w * c) - n * h * w * c // 2).reshape(n, h, w, c) / 8.0
        oh, ow, _, _ = geometry(h, w, kh, kw, stride, padding)
        dy = eighths(n, oh, ow, c)
        y, dx = pool(x, kh, kw, stride, padding, kind, dy)
        p = f"{kind}pool.{name}."
        put(p + "geometry", f"{n},{h},{w},{c},{kh},{kw},{stride},{padding}")
        for key, a in (("x", x), ("y", y), ("dy", dy), ("dx", dx)):
            put(p + key, fmt(a))
    for name, n, h, w, c in BN:
        gamma, beta = eighths(c, lo=4, hi=12), eighths(c)
        running_mean, running_var = np.zeros(c), np.ones(c)
        p = f"bn.{name}."
        put(p + "geometry", f"{n},{h},{w},{c}")
        put(p + "momentum", repr(MOMENTUM))
        put(p + "epsilon", repr(EPSILON))
        put(p + "scale", fmt(gamma))
        put(p + "shift", fmt(beta))
        put(p + "runningMean0", fmt(running_mean))
        put(p + "runningVariance0", fmt(running_var))
        for step in (1, 2):
            x = eighths(n, h, w, c) * step + step
            y, mean, var, _, m = batch_norm_train(x, gamma, beta, EPSILON)
            running_mean = (1 - MOMENTUM) * running_mean + MOMENTUM * mean
            running_var = (1 - MOMENTUM) * running_var + MOMENTUM * var * m / (m - 1)
            put(p + f"x{step}", fmt(x))
            put(p + f"y{step}", fmt(y))
            put(p + f"runningMean{step}", fmt(running_mean))
            put(p + f"runningVariance{step}", fmt(running_var))
            if step == 1:
                dy = eighths(n, h, w, c)
                dx, dgamma, dbeta = batch_norm_backward(x, gamma, EPSILON, dy)
                put(p + "dy1", fmt(dy))
                put(p + "dx1", fmt(dx))
                put(p + "dScale1", fmt(dgamma))
                put(p + "dShift1", fmt(dbeta))
                torch_checks.append(("bn", x, gamma, beta, y, dy, dx, dgamma, dbeta))
        x = eighths(n, h, w, c) + 1
        y = gamma * (x - running_mean) / np.sqrt(running_var + EPSILON) + beta
        dy = eighths(n, h, w, c)
        dx = dy * gamma / np.sqrt(running_var + EPSILON)
        put(p + "xInference", fmt(x))
        put(p + "yInference", fmt(y))
        put(p + "dyInference", fmt(dy))
        put(p + "dxInference", fmt(dx))
    rate, n, size = 0.4, 2, 5
    u = RNG.integers(0, 10, size=(n, size)) / 10.0
    x, dy = eighths(n, size), eighths(n, size)
    mask = np.where(u >= rate, 1.0 / (1.0 - rate), 0.0)
    put("dropout.rate", repr(rate))
    put("dropout.geometry", f"{n},{size}")
    put("dropout.draws", fmt(u))
    put("dropout.x", fmt(x))
    put("dropout.y", fmt(x * mask))
    put("dropout.dy", fmt(dy))
    put("dropout.dx", fmt(dy * mask))
    header = [f"# Generated by image_layers_reference.py (numpy {np.__version__}); do not edit."]
    header.append(check_with_torch(torch_checks))
    print("\n".join(header + OUT))


def check_with_torch(checks):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return "# PyTorch not importable: not cross-checked."
    worst = 0.0

    def close(a, b):
        nonlocal worst
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        scale = max(1.0, float(np.abs(b).max()))
        worst = max(worst, float(np.abs(a - b).max()) / scale)

    for item in checks:
        if item[0] == "conv":
            _, x, k, b, stride, padding, y, dy, dx, dk, db = item
            tx = torch.tensor(x.transpose(0, 3, 1, 2), requires_grad=True)
            tk = torch.tensor(k.transpose(0, 3, 1, 2), requires_grad=True)
            tb = torch.tensor(b, requires_grad=True)
            n, h, w, c = x.shape
            _, kh, kw, _ = k.shape
            oh, ow, pt, pl = geometry(h, w, kh, kw, stride, padding)
            pb = max((oh - 1) * stride + kh - h, 0) - pt if padding == "same" else 0
            pr = max((ow - 1) * stride + kw - w, 0) - pl if padding == "same" else 0
            ty = F.conv2d(F.pad(tx, (pl, pr, pt, pb)), tk, tb, stride=stride)
            ty.backward(torch.tensor(dy.transpose(0, 3, 1, 2)))
            close(ty.detach().numpy().transpose(0, 2, 3, 1), y)
            close(tx.grad.numpy().transpose(0, 2, 3, 1), dx)
            close(tk.grad.numpy().transpose(0, 2, 3, 1), dk)
            close(tb.grad.numpy(), db)
        else:
            _, x, gamma, beta, y, dy, dx, dgamma, dbeta = item
            tx = torch.tensor(x.transpose(0, 3, 1, 2), requires_grad=True)
            tg = torch.tensor(gamma, requires_grad=True)
            tb = torch.tensor(beta, requires_grad=True)
            rm, rv = torch.zeros(len(gamma), dtype=torch.float64), torch.ones(len(gamma), dtype=torch.float64)
            ty = F.batch_norm(tx, rm, rv, tg, tb, training=True, momentum=MOMENTUM, eps=EPSILON)
            ty.backward(torch.tensor(dy.transpose(0, 3, 1, 2)))
            close(ty.detach().numpy().transpose(0, 2, 3, 1), y)
            close(tx.grad.numpy().transpose(0, 2, 3, 1), dx)
            close(tg.grad.numpy(), dgamma)
            close(tb.grad.numpy(), dbeta)
    if worst > 1e-12:
        raise SystemExit(f"PyTorch disagrees with numpy: worst relative difference {worst}")
    return (f"# Checked against PyTorch {torch.__version__} (float64, torch.nn.functional.conv2d"
            f" and batch_norm): worst relative difference {worst:.1e}.")


if __name__ == "__main__":
    main()
