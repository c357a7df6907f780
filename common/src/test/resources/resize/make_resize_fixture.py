#!/usr/bin/env python3
"""Reference values for BilinearResizeTest, computed independently of the Java code.

Implements the half-pixel-centre bilinear rule of tf.image.resize (no antialias) directly from its definition,
in float64 with numpy: source = (o + 0.5) * in / out - 0.5, neighbours floor/ceil clamped to the image,
weight = fractional part, horizontal then vertical interpolation.

Writes resize_fixture.txt: per case a header "case H W C OH OW", the input bytes (HWC, one line) and the
expected float outputs rounded to 4 decimals (HWC, one line). Run: python3 make_resize_fixture.py
"""
import numpy as np

CASES = [  # (in_h, in_w, channels, out_h, out_w)
    (4, 5, 3, 7, 9),     # upscale, non-square
    (5, 4, 3, 3, 2),     # downscale
    (8, 8, 3, 18, 18),   # the 32 -> 72 ratio (4/9) at a small size
    (6, 6, 1, 13, 11),   # one channel, unequal factors
]


def axis_table(n_in, n_out):
    src = (np.arange(n_out) + 0.5) * (n_in / n_out) - 0.5
    lo = np.floor(src)
    frac = src - lo
    low = np.clip(lo, 0, n_in - 1).astype(int)
    high = np.clip(np.ceil(src), 0, n_in - 1).astype(int)
    return low, high, frac


def resize(img, out_h, out_w):
    y_lo, y_hi, fy = axis_table(img.shape[0], out_h)
    x_lo, x_hi, fx = axis_table(img.shape[1], out_w)
    img = img.astype(np.float64)
    top = img[y_lo][:, x_lo] + (img[y_lo][:, x_hi] - img[y_lo][:, x_lo]) * fx[None, :, None]
    bottom = img[y_hi][:, x_lo] + (img[y_hi][:, x_hi] - img[y_hi][:, x_lo]) * fx[None, :, None]
    return top + (bottom - top) * fy[:, None, None]


def main():
    rng = np.random.default_rng(20240611)
    with open("resize_fixture.txt", "w") as f:
        for (h, w, c, oh, ow) in CASES:
            img = rng.integers(0, 256, size=(h, w, c), dtype=np.uint8)
            out = resize(img, oh, ow)
            f.write(f"case {h} {w} {c} {oh} {ow}\n")
            f.write(" ".join(str(v) for v in img.ravel()) + "\n")
            f.write(" ".join(f"{v:.4f}" for v in out.ravel()) + "\n")


if __name__ == "__main__":
    main()
