"""Behaviour cloning of the arm reaching expert into the LRU policy, then export for the browser.

    /usr/bin/python3 training/train.py --data DIR [DIR ...] --out OUT [--init CKPT] [--epochs N]
        [--seed S] [--minutes M] [--batch B] [--lr LR] [--reach-weight W]

Each data dir (written by the Node collector) holds meta.json, obs.f32 [E, T, 14], act.f32 [E, T, 3]
(expert labels in [-1, 1]) and mask.u8 [E, T] (1 on valid steps, episodes padded at the end).

The loss is the masked MSE between policy and label actions, with extra weight where the label
changes fast (reaches). Adam, cosine decay to zero over --epochs or --minutes, whichever ends
first, grad clip 1.0; 5% of the episodes are held out for the val_mse lines. A fresh model takes
its input standardisation from the data; `--init` keeps the checkpoint's (and its config).

Writes into OUT:
  model.pt     state dict + config (+ card), for `--init` in a later DAgger round;
  model.onnx   the step graph, opset 17: obs [B,14], state [B,64], decay_scale [1] ->
               action [B,3], state_out [B,64], hidden [B,64], eig [32,2]; the card JSON is in
               metadata_props["eigenplay_card"];
  card.json    the policy card (contract eigenplay-policy/v1, see src/control/policyCard.ts);
  golden.json  12 steps of episode 0 through the step path, for the Node/browser parity tests.
"""

import argparse
import json
import math
import os
import sys
import time

# Idle OpenMP threads sleep instead of spinning: on a 2-core machine shared with other jobs,
# spinning threads make every batch several times slower. Must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lru_policy import LRUPolicy, StepExport  # noqa: E402

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
GO_CUE = 13  # obs index of the go cue (0/1)
REACH_TAIL = 30  # steps after the go cue that still count as the reach, for the projection
GOLDEN_STEPS = 12


# ---------------------------------------------------------------------------------------------
# Data


def load_dataset(dirs: list[str]) -> dict:
    """Reads and concatenates the data dirs, padding to the longest T.

    Returns obs [E, T, 14] float32, act [E, T, 3] float32, mask [E, T] float32 (numpy), the
    metas, and a one-line description per dir."""
    obs_l, act_l, mask_l, metas = [], [], [], []
    for d in dirs:
        with open(os.path.join(d, "meta.json")) as f:
            meta = json.load(f)
        E, T, od, ad = meta["episodes"], meta["steps"], meta["obs_dim"], meta["act_dim"]
        if (od, ad) != (14, 3):
            raise ValueError(f"{d}: obs_dim/act_dim are {od}/{ad}, expected 14/3")

        def read(name, dtype, shape):
            a = np.fromfile(os.path.join(d, name), dtype=dtype)
            if a.size != math.prod(shape):
                raise ValueError(f"{d}/{name}: {a.size} values, meta.json implies {shape}")
            return a.reshape(shape)

        obs_l.append(read("obs.f32", "<f4", (E, T, od)))
        act_l.append(read("act.f32", "<f4", (E, T, ad)))
        mask_l.append(read("mask.u8", np.uint8, (E, T)).astype(np.float32))
        metas.append(meta)
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


# ---------------------------------------------------------------------------------------------
# Training


def masked_mse(pred: torch.Tensor, target: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """Weighted mean over steps and action dims; pred/target [B, T, 3], weight [B, T]."""
    return ((pred - target) ** 2).mean(-1).mul(weight).sum() / weight.sum().clamp_min(1e-8)


def batch_tensors(data: dict, weights: np.ndarray, idx: np.ndarray):
    """obs, act, weight for episodes idx, trimmed to the longest valid length among them."""
    T = int(np.nonzero(data["mask"][idx].any(0))[0].max()) + 1
    return (
        torch.from_numpy(data["obs"][idx, :T]),
        torch.from_numpy(data["act"][idx, :T]),
        torch.from_numpy(weights[idx, :T]),
    )


@torch.no_grad()
def evaluate(model: LRUPolicy, data: dict, idx: np.ndarray, batch: int) -> float:
    """Unweighted masked MSE over episodes idx."""
    num, den = 0.0, 0.0
    for i in range(0, len(idx), batch):
        obs, act, w = batch_tensors(data, data["mask"], idx[i : i + batch])
        pred, _ = model.forward_seq(obs)
        num += (((pred - act) ** 2).mean(-1) * w).sum().item()
        den += w.sum().item()
    return num / max(den, 1e-8)


def train(model: LRUPolicy, data: dict, args) -> dict:
    """Adam with cosine decay and grad clipping; returns a summary for the card."""
    E = data["obs"].shape[0]
    rng = np.random.default_rng(args.seed)
    perm = rng.permutation(E)
    n_val = E // 20  # held-out episodes, for the val_mse lines and the card
    val_idx, train_idx = np.sort(perm[:n_val]), perm[n_val:]
    weights = step_weights(data["act"], data["mask"], args.reach_weight)
    batches_per_epoch = math.ceil(len(train_idx) / args.batch)

    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    total_steps = args.epochs * batches_per_epoch
    budget_s = args.minutes * 60 if args.minutes else math.inf
    step, t0 = 0, time.time()
    print(
        f"training on {len(train_idx)} episodes, validating on {n_val}; {batches_per_epoch} batches/epoch",
        flush=True,
    )
    for epoch in range(1, args.epochs + 1):
        t_epoch = time.time()
        model.train()
        order = rng.permutation(train_idx)
        total = 0.0
        for b in range(batches_per_epoch):
            # Cosine decay over whichever runs out first: the epochs or the --minutes budget.
            progress = max(step / total_steps, (time.time() - t0) / budget_s)
            lr = args.lr * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
            for g in opt.param_groups:
                g["lr"] = lr
            obs, act, w = batch_tensors(data, weights, order[b * args.batch : (b + 1) * args.batch])
            pred, _ = model.forward_seq(obs)
            loss = masked_mse(pred, act, w)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            total += loss.item()
            step += 1
        line = (
            f"epoch {epoch:3d}/{args.epochs}  loss {total / batches_per_epoch:.5f}  lr {lr:.2e}"
            f"  {time.time() - t_epoch:.1f}s"
        )
        if n_val and (epoch % 5 == 0 or epoch == args.epochs):
            line += f"  val_mse {evaluate(model.eval(), data, val_idx, args.batch):.5f}"
        print(line, flush=True)
        if time.time() - t0 >= budget_s:
            print(f"--minutes {args.minutes}: stopping after epoch {epoch}", flush=True)
            break

    train_s = time.time() - t0
    model.eval()
    summary = {
        "epochs": epoch,
        "final_loss": evaluate(model, data, np.sort(train_idx), args.batch),
    }
    if n_val:
        summary["val_loss"] = evaluate(model, data, val_idx, args.batch)
    print(
        f"final train mse {summary['final_loss']:.6f}"
        + (f", val mse {summary['val_loss']:.6f}" if n_val else "")
        + f" after {epoch} epochs, {train_s:.0f} s ({train_s / epoch:.1f} s/epoch)",
        flush=True,
    )
    return summary


# ---------------------------------------------------------------------------------------------
# Analysis and export


@torch.no_grad()
def hidden_projection(model: LRUPolicy, data: dict, batch: int) -> dict:
    """PCA (top 2) of hidden states at reach steps, teacher-forced from the zero state.

    Basis rows are unit-norm and orthogonal; each row's largest-magnitude entry is positive."""
    reach = reach_mask(data["obs"], data["mask"])
    method = "PCA of hidden states during reaches"
    if not reach.any():
        print("warning: no go cue in the data; projecting all valid steps", flush=True)
        reach, method = data["mask"] > 0, "PCA of hidden states (all valid steps; no go cue in data)"
    picked = []
    for i in range(0, reach.shape[0], batch):
        _, states = model.forward_seq(torch.from_numpy(data["obs"][i : i + batch]))
        picked.append(states.numpy()[reach[i : i + batch]])
    X = np.concatenate(picked).astype(np.float64)
    mean = X.mean(0)
    evals, evecs = np.linalg.eigh(np.cov(X - mean, rowvar=False))
    basis = evecs[:, np.argsort(evals)[::-1][:2]].T
    basis *= np.sign(basis[np.arange(2), np.abs(basis).argmax(1)])[:, None]
    explained = evals[np.argsort(evals)[::-1][:2]].sum() / evals.sum()
    print(f"projection: {X.shape[0]} states, top-2 PCs explain {explained:.1%} of the variance", flush=True)
    return {"method": method, "mean": mean.tolist(), "basis": basis.tolist()}


def make_card(model: LRUPolicy, data: dict, projection: dict, summary: dict, args) -> dict:
    meta = data["metas"][0]
    obs_layout = meta.get("obs_layout", DEFAULT_OBS_LAYOUT)
    action_layout = meta.get("action_layout", DEFAULT_ACTION_LAYOUT)
    with torch.no_grad():
        eig = model.eigenvalues(torch.ones(1)).tolist()
    return {
        "contract": "eigenplay-policy/v1",
        "id": "arm-lru",
        "name": "LRU (diagonal SSM)",
        "robot": "arm",
        "family": "ssm",
        "variant": "lru",
        "obs": {"dim": len(obs_layout), "layout": obs_layout},
        "action": {"dim": len(action_layout), "layout": action_layout},
        "control_hz": meta["control_hz"],
        "state_dim": model.state_dim,
        "hidden_dim": model.state_dim,
        "eigenvalues": eig,
        "knobs": [
            {
                "name": "decay_scale",
                "default": 1,
                "min": 0,
                "max": 3,
                "description": "multiplies every mode's decay rate: 0 puts all eigenvalues on the unit circle, >1 pulls them inward",
            }
        ],
        "projection": projection,
        "training": {
            "data": data["description"],
            "command": "npm run train",
            "seed": args.seed,
            "epochs": summary["epochs"],
            "final_loss": summary["final_loss"],
            **({"val_loss": summary["val_loss"]} if "val_loss" in summary else {}),
            "params": model.param_count(),
            "torch": torch.__version__,
            **({"init": args.init} if args.init else {}),
        },
    }


def export_onnx(model: LRUPolicy, card: dict, path: str) -> None:
    batch = {0: "B"}
    torch.onnx.export(
        StepExport(model),
        (torch.zeros(1, 14), torch.zeros(1, model.state_dim), torch.ones(1)),
        path,
        opset_version=17,
        input_names=["obs", "state", "decay_scale"],
        output_names=["action", "state_out", "hidden", "eig"],
        dynamic_axes={k: batch for k in ("obs", "state", "action", "state_out", "hidden")},
    )
    m = onnx.load(path)
    entry = m.metadata_props.add()
    entry.key = "eigenplay_card"
    entry.value = json.dumps(card, separators=(",", ":"))
    onnx.checker.check_model(m)
    onnx.save(m, path)


@torch.no_grad()
def make_golden(model: LRUPolicy, data: dict) -> dict:
    """The first GOLDEN_STEPS valid steps of episode 0 through `step`, B = 1, decay_scale 1."""
    n_valid = int(data["mask"][0].sum())
    if n_valid < GOLDEN_STEPS:
        raise ValueError(f"episode 0 has {n_valid} valid steps, golden.json needs {GOLDEN_STEPS}")
    state = torch.zeros(1, model.state_dim)
    one = torch.ones(1)
    steps = []
    for t in range(GOLDEN_STEPS):
        obs = torch.from_numpy(data["obs"][0, t : t + 1].copy())
        action, state = model.step(obs, state, one)
        steps.append({"obs": obs[0].tolist(), "action": action[0].tolist(), "state_out": state[0].tolist()})
    return {
        "steps": steps,
        "eig": model.eigenvalues(one).tolist(),
        "eig_decay_scale_0_5": model.eigenvalues(torch.tensor([0.5])).tolist(),
    }


def check_onnx_with_runtime(path: str, golden: dict) -> None:
    """ONNX-vs-torch parity on the golden steps, when the onnxruntime Python package exists."""
    try:
        import onnxruntime as ort
    except ImportError:
        return
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    state = np.zeros((1, 64), np.float32)
    worst = 0.0
    for s in golden["steps"]:
        feeds = {"obs": np.array([s["obs"]], np.float32), "state": state, "decay_scale": np.ones(1, np.float32)}
        action, state, _, _ = sess.run(None, feeds)
        worst = max(worst, np.abs(action[0] - s["action"]).max(), np.abs(state[0] - s["state_out"]).max())
    print(f"onnxruntime parity on golden steps: max diff {worst:.2e}", flush=True)
    assert worst < 1e-4


@torch.no_grad()
def step_parity(model: LRUPolicy, data: dict) -> float:
    """Max |action| difference between forward_seq and a step loop over episode 0."""
    T = int(data["mask"][0].sum())
    obs = torch.from_numpy(data["obs"][:1, :T].copy())
    seq_actions, _ = model.forward_seq(obs)
    state, one, worst = torch.zeros(1, model.state_dim), torch.ones(1), 0.0
    for t in range(T):
        action, state = model.step(obs[:, t], state, one)
        worst = max(worst, (action - seq_actions[:, t]).abs().max().item())
    return worst


# ---------------------------------------------------------------------------------------------


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", nargs="+", required=True, help="collector output dirs")
    p.add_argument("--out", required=True, help="output dir")
    p.add_argument("--init", help="model.pt to start from (DAgger rounds)")
    p.add_argument("--epochs", type=int, default=150)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--minutes", type=float, help="wall-time cap for the training loop")
    p.add_argument("--batch", type=int, default=16, help="episodes per batch")
    p.add_argument("--lr", type=float, default=3e-3, help="peak Adam learning rate (cosine decay to 0)")
    p.add_argument("--reach-weight", type=float, default=2.0, help="extra loss weight on fast label changes")
    args = p.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    data = load_dataset(args.data)
    print(f"data: {data['description']}; padded to T = {data['obs'].shape[1]}", flush=True)
    if args.init:
        ckpt = torch.load(args.init)
        model = LRUPolicy(ckpt["config"])
        model.load_state_dict(ckpt["state_dict"])
        print(f"initialised from {args.init}", flush=True)
    else:
        model = LRUPolicy()
        model.set_obs_normalization(*obs_statistics(data))
    print(f"LRUPolicy: {model.param_count()} parameters", flush=True)

    summary = train(model, data, args)
    print(f"step-vs-sequence parity on episode 0: max |Δaction| {step_parity(model, data):.2e}", flush=True)

    card = make_card(model, data, hidden_projection(model, data, args.batch), summary, args)
    checkpoint = {"state_dict": model.state_dict(), "config": model.config, "card": card}
    torch.save(checkpoint, os.path.join(args.out, "model.pt"))
    onnx_path = os.path.join(args.out, "model.onnx")
    export_onnx(model, card, onnx_path)
    with open(os.path.join(args.out, "card.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    golden = make_golden(model, data)
    with open(os.path.join(args.out, "golden.json"), "w") as f:
        json.dump(golden, f)
        f.write("\n")
    check_onnx_with_runtime(onnx_path, golden)
    size_kb = os.path.getsize(onnx_path) / 1024
    print(f"wrote {args.out}/model.pt, model.onnx ({size_kb:.0f} KB), card.json, golden.json", flush=True)


if __name__ == "__main__":
    main()
