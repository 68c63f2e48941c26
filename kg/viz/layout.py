"""Fast, deterministic 2-D layouts, so that the browser never has to run physics.

:func:`force_layout` lays out each connected component on its own and packs the results
in rows (largest first), the way Graphviz packs components: a news graph has one big
component and many small ones (isolated entities, pairs), and a global force layout would
fling the small ones to the rim.

- Large components get a Fruchterman-Reingold layout whose all-pairs repulsion is
  computed on a grid (a particle-mesh method: node mass deposited with cloud-in-cell
  weights, convolved by FFT with the repulsion kernel, forces interpolated back), so an
  iteration costs O(n + m + G^2 log G) instead of O(n^2); edge attraction is exact.  They
  start from a breadth-first "onion" placement, so the few iterations they get untangle
  rather than unscramble.
- Small components (up to 40 nodes) get exact Fruchterman-Reingold, vectorized over all
  components of similar size at once.
- Graphs up to 500 nodes get a final pass that pushes apart nodes closer than a label.

10,000 nodes and 30,000 edges take about half a second (benchmarks/bench_viz.py), where
networkx's ``spring_layout`` takes minutes.  Only numpy and scipy.sparse are needed.
"""

from __future__ import annotations

import math

import numpy as np

SMALL = 40  # components up to this size get the exact, batched layout


def _kernel(grid: int) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the repulsion kernel ``d / |d|^2`` (x and y parts) on a ``2G x 2G`` grid."""
    size = 2 * grid
    ix = np.fft.fftfreq(size, 1.0 / size)  # 0, 1, ..., G-1, -G, ..., -1
    dx, dy = np.meshgrid(ix, ix, indexing="ij")
    r2 = np.maximum(dx * dx + dy * dy, 0.5)  # softened below one cell
    kx, ky = dx / r2, dy / r2
    kx[0, 0] = ky[0, 0] = 0.0
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


_KERNELS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _kernel_cached(grid: int):
    k = _KERNELS.get(grid)
    if k is None:
        k = _KERNELS[grid] = _kernel(grid)
    return k


def _csr(n: int, src: np.ndarray, dst: np.ndarray):
    from scipy.sparse import coo_matrix

    a = coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n)).tocsr()
    return a + a.T


def _bfs_init(n: int, src: np.ndarray, dst: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Nodes on rings around the highest-degree node by BFS depth; children near parents."""
    from scipy.sparse.csgraph import breadth_first_order

    a = _csr(n, src, dst)
    root = int(np.argmax(np.diff(a.indptr)))
    order, pred = breadth_first_order(a, root, directed=False, return_predecessors=True)
    depth = np.zeros(n)
    angle = rng.uniform(0, 2 * math.pi, n)
    pv = pred[order[1:]]
    for v, p in zip(order[1:].tolist(), pv.tolist()):  # parents come before children
        depth[v] = depth[p] + 1
        angle[v] = angle[p] + rng.normal(0, 0.6 / depth[v])
    radius = depth * math.sqrt(n) / max(depth.max(), 1) + rng.uniform(0, 0.3, n)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)


def _grid_force(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, iterations: int, grid: int) -> np.ndarray:
    """Fruchterman-Reingold iterations (ideal edge length 1) with grid-based repulsion."""
    n = len(pos)
    pos = pos.copy()
    kx_hat, ky_hat = _kernel_cached(grid)
    deg = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    mass = 1.0 + deg  # ForceAtlas-style degree mass: hubs push harder, leaves stay close
    temp = math.sqrt(n) * 0.2
    size = 2 * grid
    cells = size * size
    for it in range(iterations):
        lo = pos.min(axis=0)
        span = float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1]), 1e-9))
        h = span / (grid - 2)
        g = (pos - lo) / h + 0.5
        i0 = np.clip(np.floor(g).astype(np.int64), 0, grid - 2)
        f = g - i0
        w00 = (1 - f[:, 0]) * (1 - f[:, 1])
        w10 = f[:, 0] * (1 - f[:, 1])
        w01 = (1 - f[:, 0]) * f[:, 1]
        w11 = f[:, 0] * f[:, 1]
        base = i0[:, 0] * size + i0[:, 1]
        rho = (np.bincount(base, w00 * mass, cells) + np.bincount(base + size, w10 * mass, cells)
               + np.bincount(base + 1, w01 * mass, cells) + np.bincount(base + size + 1, w11 * mass, cells))
        rho_hat = np.fft.rfft2(rho.reshape(size, size))
        scale = mass / h  # kernel is in cell units: k^2 d / r^2 with d = cells * h
        disp = np.empty_like(pos)
        for axis, k_hat in ((0, kx_hat), (1, ky_hat)):
            fg = np.fft.irfft2(rho_hat * k_hat, s=(size, size)).reshape(-1)
            disp[:, axis] = (fg[base] * w00 + fg[base + size] * w10 + fg[base + 1] * w01
                             + fg[base + size + 1] * w11) * scale
        d = pos[src] - pos[dst]
        dist = np.sqrt((d * d).sum(axis=1)) + 1e-9
        fa = d * dist[:, None]
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(src, fa[:, axis], n) - np.bincount(dst, fa[:, axis], n)
        disp -= pos * (0.05 * mass / math.sqrt(n))[:, None]  # weak gravity
        length = np.sqrt((disp * disp).sum(axis=1)) + 1e-9
        pos += disp * (np.minimum(length, temp) / length / np.sqrt(mass))[:, None]
        temp *= 0.95 if it > iterations // 3 else 0.99
    return pos


def _batched_exact(sizes: np.ndarray, comp_edges: list[np.ndarray], iterations: int,
                   rng: np.random.Generator) -> list[np.ndarray]:
    """Exact Fruchterman-Reingold for many small components at once (padded to one size)."""
    c, s = len(sizes), int(sizes.max())
    valid = np.arange(s)[None, :] < sizes[:, None]  # (C, S)
    r = 0.5 * np.sqrt(sizes)[:, None] * np.sqrt(rng.uniform(0, 1, (c, s)))
    a = rng.uniform(0, 2 * math.pi, (c, s))
    pos = np.stack([r * np.cos(a), r * np.sin(a)], axis=2)  # (C, S, 2)
    ce = np.concatenate([np.full(len(e), i) for i, e in enumerate(comp_edges)]) if comp_edges else np.zeros(0, int)
    ee = np.concatenate(comp_edges) if comp_edges else np.zeros((0, 2), int)
    fi, fj = ce * s + ee[:, 0], ce * s + ee[:, 1]
    pair = valid[:, :, None] & valid[:, None, :]
    temp = 0.3 * math.sqrt(s)
    for it in range(iterations):
        diff = pos[:, :, None, :] - pos[:, None, :, :]
        d2 = (diff * diff).sum(axis=3) + 1e-4
        rep = np.where(pair, 1.0 / d2, 0.0)
        disp = (diff * rep[..., None]).sum(axis=2)
        flat = pos.reshape(-1, 2)
        d = flat[fi] - flat[fj]
        dist = np.sqrt((d * d).sum(axis=1))
        fa = d * dist[:, None]
        dflat = disp.reshape(-1, 2)
        for axis in (0, 1):
            dflat[:, axis] -= np.bincount(fi, fa[:, axis], c * s) - np.bincount(fj, fa[:, axis], c * s)
        disp -= pos * 0.02
        length = np.sqrt((disp * disp).sum(axis=2)) + 1e-9
        pos += disp * (np.minimum(length, temp) / length)[..., None]
        temp *= 0.93
    return [pos[i, : sizes[i]] for i in range(c)]


def _remove_overlaps(pos: np.ndarray, min_dist: float, iterations: int = 40) -> np.ndarray:
    """Push apart nodes closer than ``min_dist`` (exact, for small graphs)."""
    pos = pos.copy()
    for _ in range(iterations):
        diff = pos[:, None, :] - pos[None, :, :]
        d = np.sqrt((diff * diff).sum(axis=2)) + np.eye(len(pos)) * 1e9 + 1e-9
        over = np.clip(min_dist - d, 0, None)
        if not over.any():
            break
        pos += (diff / d[..., None] * over[..., None]).sum(axis=1) * 0.5
    return pos


def force_layout(n: int, edges, *, iterations: int = 60, grid: int = 128, seed: int = 7,
                 widths: np.ndarray | None = None) -> np.ndarray:
    """Positions (``n x 2`` array, ideal edge length 1) for nodes ``0..n-1``.

    ``edges`` is an ``m x 2`` integer array (or list of pairs); direction does not matter
    and parallel edges pull harder.  ``widths`` (optional, in edge lengths) is the width of
    each node's label, so that packed components do not overlap their neighbours' labels.
    Deterministic for a given seed.
    """
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(seed)
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    e = e[e[:, 0] != e[:, 1]]  # self-loops exert no force
    pos = np.zeros((n, 2))
    if n <= 1:
        return pos
    _, labels = connected_components(_csr(n, e[:, 0], e[:, 1]), directed=False)
    ncomp = int(labels.max()) + 1
    counts = np.bincount(labels, minlength=ncomp)
    order = np.argsort(labels, kind="stable")
    starts = np.concatenate([[0], np.cumsum(counts)])
    local = np.empty(n, dtype=np.int64)
    local[order] = np.arange(n) - np.repeat(starts[:-1], counts)
    ecomp = labels[e[:, 0]]
    eorder = np.argsort(ecomp, kind="stable")
    ecounts = np.bincount(ecomp, minlength=ncomp)
    estarts = np.concatenate([[0], np.cumsum(ecounts)])

    def members(c):
        return order[starts[c]:starts[c + 1]]

    def local_edges(c):
        ce = e[eorder[estarts[c]:estarts[c + 1]]]
        return np.stack([local[ce[:, 0]], local[ce[:, 1]]], axis=1)

    layouts: dict[int, np.ndarray] = {}
    small_by_bucket: dict[int, list[int]] = {}
    for c in range(ncomp):
        size = int(counts[c])
        if size == 1:
            layouts[c] = np.zeros((1, 2))
        elif size == 2:
            layouts[c] = np.array([[-0.5, 0.0], [0.5, 0.0]])
        elif size <= SMALL:
            small_by_bucket.setdefault(int(math.ceil(math.log2(size))), []).append(c)
        else:
            le = local_edges(c)
            p0 = _bfs_init(size, le[:, 0], le[:, 1], rng)
            g = grid if size >= 1000 else 64 if size >= 200 else 32
            layouts[c] = _grid_force(p0, le[:, 0], le[:, 1], iterations if size >= 200 else max(iterations, 100), g)
    for bucket in sorted(small_by_bucket):
        comps = small_by_bucket[bucket]
        for chunk in range(0, len(comps), 512):  # bound the (C, S, S, 2) temporaries
            part = comps[chunk:chunk + 512]
            res = _batched_exact(counts[part], [local_edges(c) for c in part], 80, rng)
            layouts.update(zip(part, res))
    for c, p in layouts.items():  # principal axis horizontal: screens are wider than tall
        if len(p) >= 3:
            q = p - p.mean(axis=0)
            _, vecs = np.linalg.eigh(q.T @ q)
            major = vecs[:, 1]
            rot = np.array([[major[0], major[1]], [-major[1], major[0]]])
            layouts[c] = q @ rot.T
    comp_order = sorted(range(ncomp), key=lambda c: (-counts[c], int(members(c).min())))
    w = np.zeros(n) if widths is None else np.asarray(widths, dtype=float)
    _pack([(members(c), layouts[c]) for c in comp_order], pos, w)
    if n <= 500:  # small graphs are read label by label; big ones are overviews
        pos = _remove_overlaps(pos, 1.0)
    return pos


def _pack(comps: list[tuple[np.ndarray, np.ndarray]], out: np.ndarray, widths: np.ndarray) -> None:
    """Place component layouts (largest first) left to right in rows of a roughly square area."""
    boxes = []
    for idx, p in comps:
        half = widths[idx] / 2
        lo = np.array([(p[:, 0] - half).min(), p[:, 1].min()])
        hi = np.array([(p[:, 0] + half).max(), p[:, 1].max()])
        boxes.append((lo, hi - lo + 1.0))  # a margin of one edge length
    total = sum(float(w * h) for _, (w, h) in boxes)
    row_width = max(math.sqrt(total) * 1.3, float(boxes[0][1][0]))
    x = y = row_h = 0.0
    for (idx, p), (lo, (w, h)) in zip(comps, boxes):
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out[idx] = p - lo + np.array([x, y])
        x += w
        row_h = max(row_h, h)
    out -= (out.min(axis=0) + out.max(axis=0)) / 2
