"""Training data of the arm and quadruped policies: the Node collector's episode files, input statistics, loss
weights and the reach mask. Used by train.py.

Each data dir (written by training/collect.ts) holds meta.json, obs.f32 [E, T, 14], act.f32
[E, T, 3] (expert labels in [-1, 1]) and mask.u8 [E, T] (1 on valid steps, episodes padded at the
end). The quadruped's (training/collectQuad.ts, meta "robot": "quadruped") are the same with
obs [E, T, 47] and act [E, T, 8].
"""

import json
import math
import os

import numpy as np
import torch

# Fallbacks when meta.json carries no layout; they mirror ARM_OBS_LAYOUT (src/sim/armSim.ts) and
# ACTION_SCALE (src/control/reachExpert.ts).
DEFAULT_OBS_LAYOUT = [
    {"name": "q_yaw", "unit": "rad", "offset": "center posture", "scale": 1},
    {"name": "q_shoulder", "unit": "rad", "offset": "center posture", "scale": 1},
    {"name": "q_elbow", "unit": "rad", "offset": "center posture", "scale": 1},
    {"name": "qd_yaw", "unit": "rad/s", "scale": 0.1},
    {"name": "qd_shoulder", "unit": "rad/s", "scale": 0.1},
    {"name": "qd_elbow", "unit": "rad/s", "scale": 0.1},
    {"name": "hand_dx", "unit": "m", "offset": "reach center", "scale": 10},
    {"name": "hand_dy", "unit": "m", "offset": "reach center", "scale": 10},
    {"name": "hand_dz", "unit": "m", "offset": "reach center", "scale": 10},
    {"name": "target_dx", "unit": "m", "offset": "reach center; 0 while hidden", "scale": 10},
    {"name": "target_dy", "unit": "m", "offset": "reach center; 0 while hidden", "scale": 10},
    {"name": "target_dz", "unit": "m", "offset": "reach center; 0 while hidden", "scale": 10},
    {"name": "target_visible", "unit": "0/1", "scale": 1},
    {"name": "go_cue", "unit": "0/1", "scale": 1},
]
DEFAULT_ACTION_LAYOUT = [
    {"name": "q_yaw_target", "unit": "rad", "offset": "center posture", "scale": 0.6},
    {"name": "q_shoulder_target", "unit": "rad", "offset": "center posture", "scale": 0.8},
    {"name": "q_elbow_target", "unit": "rad", "offset": "center posture", "scale": 1.0},
]
# (obs_dim, act_dim) per robot in meta.json ("robot" absent means the arm): the arm's 14/3 and the
# quadruped's QUAD_OBS_DIM / CPG_ACTION_DIM (training/collectQuad.ts).
ROBOT_DIMS = {"arm": (14, 3), "quadruped": (47, 8)}
GO_CUE = 13  # obs index of the go cue (0/1)
REACH_TAIL = 30  # steps after the go cue that still count as the reach, for the projection


def load_dataset(dirs: list[str]) -> dict:
    """Reads and concatenates the data dirs, padding to the longest T.

    Returns obs [E, T, 14] float32, act [E, T, 3] float32, mask [E, T] float32 (numpy), the
    metas, and a one-line description per dir."""
    obs_l, act_l, mask_l, metas = [], [], [], []
    for d in dirs:
        with open(os.path.join(d, "meta.json")) as f:
            meta = json.load(f)
        E, T, od, ad = meta["episodes"], meta["steps"], meta["obs_dim"], meta["act_dim"]
        expect = ROBOT_DIMS.get(meta.get("robot", "arm"))
        if expect is None:
            raise ValueError(f"{d}: robot {meta.get('robot')!r} is not one of {sorted(ROBOT_DIMS)}")
        if (od, ad) != expect:
            raise ValueError(f"{d}: obs_dim/act_dim are {od}/{ad}, expected {expect[0]}/{expect[1]}")

        def read(name, dtype, shape):
            a = np.fromfile(os.path.join(d, name), dtype=dtype)
            if a.size != math.prod(shape):
                raise ValueError(f"{d}/{name}: {a.size} values, meta.json implies {shape}")
            return a.reshape(shape)

        obs_l.append(read("obs.f32", "<f4", (E, T, od)))
        act_l.append(read("act.f32", "<f4", (E, T, ad)))
        mask_l.append(read("mask.u8", np.uint8, (E, T)).astype(np.float32))
        metas.append(meta)
    if len({m.get("robot", "arm") for m in metas}) != 1:
        raise ValueError("data dirs mix robots")
    if len({m["control_hz"] for m in metas}) != 1:
        raise ValueError("data dirs disagree on control_hz")
    T_max = max(o.shape[1] for o in obs_l)

    def pad(a):
        widths = [(0, 0), (0, T_max - a.shape[1])] + [(0, 0)] * (a.ndim - 2)
        return np.pad(a, widths)

    described = [
        f"{d} ({m['episodes']} episodes x {m['steps']} steps, {m.get('source', 'unknown source')})"
        for d, m in zip(dirs, metas)
    ]
    return {
        "obs": np.concatenate([pad(o) for o in obs_l]),
        "act": np.concatenate([pad(a) for a in act_l]),
        "mask": np.concatenate([pad(m) for m in mask_l]),
        "metas": metas,
        "description": "; ".join(described),
    }


def obs_statistics(data: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean and spread [14] of the observations over valid steps, for the model's input
    standardisation. Spreads are floored at 0.05; constant inputs keep scale 1."""
    valid = data["obs"][data["mask"] > 0]
    mean, std = valid.mean(0), valid.std(0)
    std = np.where(std > 1e-6, np.maximum(std, 0.05), 1.0)
    return torch.from_numpy(mean.astype(np.float32)), torch.from_numpy(std.astype(np.float32))


def step_weights(act: np.ndarray, mask: np.ndarray, reach_weight: float) -> np.ndarray:
    """Per-step loss weights [E, T]: 1 + reach_weight · min(|Δlabel| / mean |Δlabel|, 4) on valid
    steps (0 elsewhere), so the fast-changing reach segments count more than holds."""
    delta = np.zeros(mask.shape, np.float32)
    delta[:, 1:] = np.linalg.norm(act[:, 1:] - act[:, :-1], axis=-1) * mask[:, 1:] * mask[:, :-1]
    ref = delta[mask > 0].mean()
    rel = np.minimum(delta / ref, 4.0) if ref > 0 else delta
    return (1.0 + reach_weight * rel) * mask


def reach_mask(obs: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """[E, T] bool: valid steps with the go cue on or within REACH_TAIL steps after it."""
    go = obs[..., GO_CUE] > 0.5
    reach = go.copy()
    for lag in range(1, REACH_TAIL + 1):
        reach[:, lag:] |= go[:, :-lag]
    return reach & (mask > 0)
