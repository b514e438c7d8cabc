#!/usr/bin/env python3
"""The same Gatys optimisation as `mlnetfaces style image`, in PyTorch, for a side-by-side speed comparison.

Same network shape (ResNet18 stem + layer1..layer3: the taps relu, layer1, layer2, layer3; content layer3, style
relu/layer1/layer2/layer3 at 1/4 each), same costs (J_content = 1/2 ||a(C) - a(G)||^2, J_style^l = ||G(S) - G(G)||_F^2
/ (2 M n_C)^2), same weights alpha = 1, beta = 1e6, same optimisers (L-BFGS lr 1, one evaluation per step, history
100; Adam lr 4), same image sizes, 2 threads. The weights are PyTorch's default initialisation with batch norm in
eval mode: the cost of a step does not depend on their values. Prints one JSON line per (size, optimiser).

Debian 12: apt-get install python3-torch; then
  python3 benchmarks/pytorch_gatys.py --content data/style-transfer/animal_cat_chelsea.png \
      --style data/style-transfer/vangogh_starry_night.jpg --sizes 256 384 512 --steps 20
Images are read with numpy from PNG/JPEG through PIL when available, else a random image of the content's size is used
(speed does not depend on the pixels).
"""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.down is None else self.down(x)))


class Trunk(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.layer1 = nn.Sequential(Block(64, 64, 1), Block(64, 64, 1))
        self.layer2 = nn.Sequential(Block(64, 128, 2), Block(128, 128, 1))
        self.layer3 = nn.Sequential(Block(128, 256, 2), Block(256, 256, 1))
        self.register_buffer("mean_bgr", torch.tensor([103.0626, 115.9029, 123.1516]).view(1, 3, 1, 1))

    def forward(self, rgb):
        x = rgb.flip(1) - self.mean_bgr
        taps = {}
        h = F.relu(self.bn1(self.conv1(x)))
        taps["relu"] = h
        h = F.max_pool2d(h, 3, 2, 1)
        h = self.layer1(h); taps["layer1"] = h
        h = self.layer2(h); taps["layer2"] = h
        h = self.layer3(h); taps["layer3"] = h
        return taps


def gram(a):
    n, c = a.shape[0], a.shape[1]
    a = a.reshape(n, c, -1)
    return a.bmm(a.transpose(1, 2))


def load(path, longest):
    try:
        from PIL import Image
        import numpy as np
        img = Image.open(path).convert("RGB")
        w, h = img.size
        s = longest / max(w, h)
        img = img.resize((max(1, round(w * s)), max(1, round(h * s))), Image.BILINEAR)
        return torch.from_numpy(np.asarray(img, dtype="float32")).permute(2, 0, 1).unsqueeze(0).contiguous()
    except ImportError:
        h, w = (longest * 300 // 451, longest) if "cat" in path else (longest * 600 // 752, longest)
        return torch.rand(1, 3, h, w) * 255


def run(net, content, style, steps, optimizer):
    style_layers = ["relu", "layer1", "layer2", "layer3"]
    with torch.no_grad():
        target_c = net(content)["layer3"]
        cf, sf = net(content), net(style)
        grams = {}
        for l in style_layers:
            m_c = cf[l].shape[2] * cf[l].shape[3]
            m_s = sf[l].shape[2] * sf[l].shape[3]
            grams[l] = gram(sf[l]) * (m_c / m_s)
    x = content.clone().requires_grad_(True)
    opt = torch.optim.LBFGS([x], lr=1, max_iter=1, max_eval=2, tolerance_grad=0, tolerance_change=0, history_size=100) if optimizer == "lbfgs" else torch.optim.Adam([x], lr=4)

    def closure():
        opt.zero_grad()
        f = net(x)
        jc = 0.5 * (target_c - f["layer3"]).pow(2).sum()
        js = 0
        for l in style_layers:
            a = f[l]
            c, m = a.shape[1], a.shape[2] * a.shape[3]
            js = js + 0.25 * (grams[l] - gram(a)).pow(2).sum() / (2.0 * m * c) ** 2
        j = jc + 1e6 * js
        j.backward()
        return j

    start = time.perf_counter()
    first = None
    for _ in range(steps):
        if optimizer == "lbfgs":
            loss = opt.step(closure)
        else:
            loss = closure(); opt.step()
        first = first if first is not None else loss.item()
    return (time.perf_counter() - start) / steps, first, loss.item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--content", required=True)
    p.add_argument("--style", required=True)
    p.add_argument("--sizes", type=int, nargs="+", default=[256, 384, 512])
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = Trunk().eval()
    for q in net.parameters():
        q.requires_grad_(False)
    for size in a.sizes:
        content, style = load(a.content, size), load(a.style, size)
        for optimizer in ["lbfgs", "adam"]:
            seconds, first, last = run(net, content, style, a.steps, optimizer)
            print(json.dumps({"torch": torch.__version__, "size": size, "optimizer": optimizer, "steps": a.steps,
                              "seconds_per_step": round(seconds, 4), "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
