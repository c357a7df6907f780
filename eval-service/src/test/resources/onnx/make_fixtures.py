#!/usr/bin/python3
"""Trains a small CNN on synthetic 32x32x3 images and exports it (and a few broken variants) to ONNX.

The images follow the shape-and-hue classes of the project's synthetic data set (common's SyntheticImages): one
shape or texture per class in a hue of its own, on a dull random background, with pixel noise. This is a simpler
re-drawing of that idea, not the same pixels, so the model is well above chance on the project's synthetic images
without being trained on them. Run from this directory:

    /usr/bin/python3 make_fixtures.py

Needs Debian's python3-torch (1.13) and python3-onnx (1.12); the tests only read the .onnx files it writes.
"""
import colorsys
import math

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper
from torch import nn

SIDE = 32
CLASSES = 10
OPSET = 13
SEED = 20


def covers(label, u, v, x, y, period):
    radius = np.hypot(u, v)
    half = period / 2
    if label == 0:
        return radius < 1
    if label == 1:
        return (np.abs(u) < 0.8) & (np.abs(v) < 0.8)
    if label == 2:
        return (v > -0.7) & (v < 0.9) & (np.abs(u) < (0.9 - v) * 0.6)
    if label == 3:
        return (radius > 0.6) & (radius < 1.1)
    if label == 4:
        return ((np.abs(u) < 0.3) & (np.abs(v) < 1.1)) | ((np.abs(v) < 0.3) & (np.abs(u) < 1.1))
    if label == 5:
        return np.floor(y / half) % 2 == 0
    if label == 6:
        return np.floor(x / half) % 2 == 0
    if label == 7:
        return (np.floor(x / half) + np.floor(y / half)) % 2 == 0
    if label == 8:
        return np.abs(u) + np.abs(v) < 1
    return np.hypot(x - period * np.round(x / period), y - period * np.round(y / period)) < period / 4


def draw(label, rng):
    hue = (label / 10 + (rng.random() - 0.5) * 0.06 + 1) % 1
    fg = np.array(colorsys.hsv_to_rgb(hue, 0.55 + 0.45 * rng.random(), 0.65 + 0.35 * rng.random())) * 255
    bg = np.array(colorsys.hsv_to_rgb(rng.random(), 0.3 * rng.random(), 0.1 + 0.4 * rng.random())) * 255
    cx, cy = 10 + 12 * rng.random(), 10 + 12 * rng.random()
    scale, angle, period = 6 + 6 * rng.random(), rng.random() * math.pi, 4 + 3 * rng.random()
    y, x = np.mgrid[0:SIDE, 0:SIDE].astype(np.float64)
    dx, dy = (x + 0.5 - cx) / scale, (y + 0.5 - cy) / scale
    u = math.cos(angle) * dx + math.sin(angle) * dy
    v = -math.sin(angle) * dx + math.cos(angle) * dy
    inside = covers(label, u, v, x, y, period)[..., None]
    image = np.where(inside, fg, bg) + rng.normal(0, 8, (SIDE, SIDE, 3))
    return np.clip(np.round(image), 0, 255).astype(np.uint8)


def data_set(count, rng):
    labels = np.arange(count) % CLASSES
    images = np.stack([draw(int(label), rng) for label in labels])  # N x H x W x C, uint8
    # The declared preprocessing of the main fixture: [-1, 1], channels first.
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 127.5 - 1
    return x, torch.from_numpy(labels)


class SmallNet(nn.Module):
    def __init__(self, classes=CLASSES):
        super().__init__()
        def block(cin, cout):
            return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2))
        self.features = nn.Sequential(block(3, 16), block(16, 32), block(32, 64))
        self.head = nn.Linear(64, classes)

    def forward(self, x):
        return self.head(self.features(x).mean(dim=(2, 3)))


class ChannelsLastZeroOne(nn.Module):
    """The same network for N x 32 x 32 x 3 input scaled to [0, 1]: it moves channels first and rescales itself."""
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x.permute(0, 3, 1, 2) * 2 - 1)


class Flat(nn.Module):
    """Takes N x 3072 vectors: the wrong rank for an image classifier."""
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(SIDE * SIDE * 3, CLASSES)

    def forward(self, x):
        return self.head(x)


def export(module, example, path):
    module.eval()
    torch.onnx.export(module, example, path, opset_version=OPSET, input_names=["images"], output_names=["logits"],
                      dynamic_axes={"images": {0: "batch"}, "logits": {0: "batch"}})
    onnx.checker.check_model(onnx.load(path))


def unknown_operator(path):
    """A valid ONNX graph whose one node is an operator no runtime implements."""
    node = helper.make_node("Entangle", ["images"], ["logits"], domain="dev.robust.unknown")
    graph = helper.make_graph([node], "unknown-operator",
                              [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["batch", 3, SIDE, SIDE])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", CLASSES])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                    helper.make_opsetid("dev.robust.unknown", 1)])
    onnx.save(model, path)


def main():
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    train_x, train_y = data_set(6000, rng)
    test_x, test_y = data_set(1000, rng)
    net = SmallNet()
    optimiser = torch.optim.Adam(net.parameters(), lr=3e-3)
    for epoch in range(8):
        net.train()
        order = torch.randperm(len(train_x))
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            optimiser.zero_grad()
            loss = nn.functional.cross_entropy(net(train_x[batch]), train_y[batch])
            loss.backward()
            optimiser.step()
        net.eval()
        with torch.no_grad():
            accuracy = (net(test_x).argmax(1) == test_y).float().mean().item()
        print(f"epoch {epoch + 1}: loss {loss.item():.3f}, held-out top-1 {accuracy:.3f}")

    export(net, test_x[:1], "smallnet-nchw-pm1.onnx")
    nhwc = (test_x[:1].permute(0, 2, 3, 1) + 1) / 2
    export(ChannelsLastZeroOne(net), nhwc, "smallnet-nhwc-01.onnx")
    export(SmallNet(classes=7), test_x[:1], "seven-classes.onnx")
    export(Flat(), torch.zeros(1, SIDE * SIDE * 3), "flat-input.onnx")
    unknown_operator("unknown-operator.onnx")


if __name__ == "__main__":
    main()
