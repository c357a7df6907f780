"""Writes the .npy fixtures NpyCompatibilityTest reads: files made by numpy itself, in format versions 1, 2 and 3.

Run from this directory: python3 make_fixtures.py
"""
import numpy as np

images = (np.arange(5 * 32 * 32 * 3) % 251).astype(np.uint8).reshape(5, 32, 32, 3)
labels = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
np.save("numpy_images_v1.npy", images)
for version in [(2, 0), (3, 0)]:
    with open("numpy_labels_v%d.npy" % version[0], "wb") as f:
        np.lib.format.write_array(f, labels, version=version)
np.save("numpy_float32.npy", np.zeros((5, 32, 32, 3), dtype=np.float32)[:, :1, :1, :])
