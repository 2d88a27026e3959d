"""Behaviour cloning of the arm reaching expert (or, for the quad-* families, the quadruped's CPG
expert) into one policy family, then export for the browser.

    /usr/bin/python3 training/train.py --data DIR [DIR ...] --out OUT [--family F] [--init CKPT]
        [--epochs N] [--seed S] [--minutes M] [--batch B] [--lr LR] [--reach-weight W]

--family is one of lru, selective, linoss, transformer (training/families.py); with --init the
checkpoint's family and config are kept. --epochs 0 with --init re-exports a checkpoint unchanged.
Data dirs are the Node collector's (training/dataset.py).

The loss is the masked MSE between policy and label actions, with extra weight where the label
changes fast (reaches). Adam, cosine decay to zero over --epochs or --minutes, whichever ends
first, grad clip 1.0; 5% of the episodes are held out for the val_mse lines. A fresh model takes
its input standardisation from the data; `--init` keeps the checkpoint's (and its config).

Writes into OUT:
  model.pt     state dict + family + config (+ card), for `--init` in a later DAgger round;
  model.onnx   the family's step graph at opset 17 (obs, state, knobs -> action, state_out,
               hidden[, eig]), the card JSON in metadata_props["eigenplay_card"];
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
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import DEFAULT_ACTION_LAYOUT, DEFAULT_OBS_LAYOUT, load_dataset, obs_statistics, reach_mask, step_weights  # noqa: E402
from families import FAMILIES, knob_values  # noqa: E402

GOLDEN_STEPS = 12

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


def crop_batch(data: dict, weights: np.ndarray, idx: np.ndarray, length: int, warm: int, rng):
    """obs, act, weight of a random crop per episode: `length` loss steps after up to `warm` steps
    of context (weight 0), all crops padded to warm + length. With warm = K - 1 every loss step of
    the windowed Transformer sees the same full window as in a whole-episode pass."""
    obs = np.zeros((len(idx), warm + length, data["obs"].shape[2]), np.float32)
    act = np.zeros((len(idx), warm + length, data["act"].shape[2]), np.float32)
    w = np.zeros((len(idx), warm + length), np.float32)
    for j, i in enumerate(idx):
        n = int(data["mask"][i].sum())
        s = int(rng.integers(0, max(1, n - length) + 1))
        a = max(0, s - warm)
        e = min(n, s + length)
        obs[j, : e - a] = data["obs"][i, a:e]
        act[j, : e - a] = data["act"][i, a:e]
        w[j, s - a : e - a] = weights[i, s:e]
    return torch.from_numpy(obs), torch.from_numpy(act), torch.from_numpy(w)


@torch.no_grad()
def evaluate(model, data: dict, idx: np.ndarray, batch: int) -> float:
    """Unweighted masked MSE over episodes idx."""
    num, den = 0.0, 0.0
    for i in range(0, len(idx), batch):
        obs, act, w = batch_tensors(data, data["mask"], idx[i : i + batch])
        pred = model.forward_seq(obs)[0]
        num += (((pred - act) ** 2).mean(-1) * w).sum().item()
        den += w.sum().item()
    return num / max(den, 1e-8)


def train(model, data: dict, args) -> dict:
    """Adam with cosine decay and grad clipping; returns a summary for the card."""
    E = data["obs"].shape[0]
    rng = np.random.default_rng(args.seed)
    perm = rng.permutation(E)
    n_val = E // 20  # held-out episodes, for the val_mse lines and the card
    val_idx, train_idx = np.sort(perm[:n_val]), perm[n_val:]
    weights = step_weights(data["act"], data["mask"], args.reach_weight)
    batches_per_epoch = math.ceil(len(train_idx) / args.batch)
    if args.crop:
        # Crops: as many batches per epoch as whole episodes would give loss steps.
        steps = int(data["mask"][train_idx].sum())
        batches_per_epoch = max(1, math.ceil(steps / (args.crop * args.batch)))

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
            chosen = order[b * args.batch : (b + 1) * args.batch]
            if args.crop:
                obs, act, w = crop_batch(data, weights, chosen, args.crop, args.crop_warm, rng)
            else:
                obs, act, w = batch_tensors(data, weights, chosen)
            pred = model.forward_seq(obs)[0]
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
def hidden_projection(model, data: dict, batch: int) -> dict:
    """PCA (top 2) of hidden states at reach steps, teacher-forced from the zero state.

    Basis rows are unit-norm and orthogonal; each row's largest-magnitude entry is positive."""
    if data["metas"][0].get("robot", "arm") == "quadruped":
        reach, method = data["mask"] > 0, "PCA of hidden states (all valid steps of the training data)"
    else:
        reach = reach_mask(data["obs"], data["mask"])
        method = "PCA of hidden states during reaches"
    if not reach.any():
        print("warning: no go cue in the data; projecting all valid steps", flush=True)
        reach, method = data["mask"] > 0, "PCA of hidden states (all valid steps; no go cue in data)"
    picked = []
    for i in range(0, reach.shape[0], batch):
        hidden = model.forward_seq(torch.from_numpy(data["obs"][i : i + batch]))[1]
        picked.append(hidden.numpy()[reach[i : i + batch]])
    X = np.concatenate(picked).astype(np.float64)
    mean = X.mean(0)
    evals, evecs = np.linalg.eigh(np.cov(X - mean, rowvar=False))
    basis = evecs[:, np.argsort(evals)[::-1][:2]].T
    basis *= np.sign(basis[np.arange(2), np.abs(basis).argmax(1)])[:, None]
    explained = evals[np.argsort(evals)[::-1][:2]].sum() / evals.sum()
    print(f"projection: {X.shape[0]} states, top-2 PCs explain {explained:.1%} of the variance", flush=True)
    return {"method": method, "mean": mean.tolist(), "basis": basis.tolist()}


def make_card(fam, model, data: dict, projection: dict, summary: dict, args) -> dict:
    meta = data["metas"][0]
    obs_layout = meta.get("obs_layout", DEFAULT_OBS_LAYOUT)
    action_layout = meta.get("action_layout", DEFAULT_ACTION_LAYOUT)
    robot = meta.get("robot", "arm")
    eig = []
    if fam.parametric_eig:
        with torch.no_grad():
            eig = model.eigenvalues(*knob_values(model)).tolist()
    card = {
        "contract": "eigenplay-policy/v1",
        "id": fam.id,
        "name": fam.name,
        "robot": robot,
        "family": fam.family,
        "variant": fam.variant,
        "obs": {"dim": len(obs_layout), "layout": obs_layout},
        "action": {"dim": len(action_layout), "layout": action_layout},
        "control_hz": meta["control_hz"],
        "state_dim": model.state_dim,
        "hidden_dim": model.hidden_dim,
        "eigenvalues": eig,
        "knobs": model.knobs,
        "projection": projection,
        "training": {
            "data": data["description"],
            "command": f"npm run train:quad -- {args.family}" if robot == "quadruped" else f"npm run train -- {args.family}",
            "seed": args.seed,
            "epochs": summary["epochs"],
            "final_loss": summary["final_loss"],
            **({"val_loss": summary["val_loss"]} if "val_loss" in summary else {}),
            "params": model.param_count(),
            "torch": torch.__version__,
            **({"init": args.init} if args.init else {}),
        },
    }
    if robot == "quadruped":
        card["training"]["expert"] = "CpgExpert (src/control/cpg/cpgExpert.ts), labels in the 8-D CPG action"
        card["cpg"] = QUAD_CPG_ENTRY
    return card


# What a quadruped card says about the CPG it drives (see PolicyCard.cpg in src/control/policyCard.ts).
QUAD_CPG_ENTRY = {
    "action": "per-leg amplitude mu then frequency, CpgController.setAction",
    "mu_range": [1, 2],
    "freq_hz_range": [0, 4.5],
    "gait": "trot",
    "eigenvalues": "sim",
}


# Knob settings whose eigenvalues golden.json also records, for the parametric families.
GOLDEN_SURGERY = {"radius_scale": 0.9, "phase_scale": 2.0}


@torch.no_grad()
def make_golden(fam, model, data: dict) -> dict:
    """The first GOLDEN_STEPS valid steps of episode 0 through `step`, B = 1, neutral knobs: obs,
    action, state_out, hidden and (when the model outputs it) eig per step."""
    n_valid = int(data["mask"][0].sum())
    if n_valid < GOLDEN_STEPS:
        raise ValueError(f"episode 0 has {n_valid} valid steps, golden.json needs {GOLDEN_STEPS}")
    state = torch.zeros(1, model.state_dim)
    knobs = knob_values(model)
    steps = []
    for t in range(GOLDEN_STEPS):
        obs = torch.from_numpy(data["obs"][0, t : t + 1].copy())
        action, state, hidden, eig = model.step(obs, state, *knobs)
        step = {"obs": obs[0].tolist(), "action": action[0].tolist(), "state_out": state[0].tolist(),
                "hidden": hidden[0].tolist()}
        if eig is not None:
            step["eig"] = eig.tolist()
        steps.append(step)
    golden = {"steps": steps}
    if fam.parametric_eig:
        golden["eig"] = model.eigenvalues(*knobs).tolist()
        golden["surgery"] = {
            "knobs": GOLDEN_SURGERY,
            "eig": model.eigenvalues(*knob_values(model, GOLDEN_SURGERY)).tolist(),
        }
    return golden


@torch.no_grad()
def step_parity(model, data: dict) -> float:
    """Max |action| difference between forward_seq and a step loop over episode 0."""
    T = int(data["mask"][0].sum())
    obs = torch.from_numpy(data["obs"][:1, :T].copy())
    seq_actions = model.forward_seq(obs)[0]
    state, knobs, worst = torch.zeros(1, model.state_dim), knob_values(model), 0.0
    for t in range(T):
        action, state, _, _ = model.step(obs[:, t], state, *knobs)
        worst = max(worst, (action - seq_actions[:, t]).abs().max().item())
    return worst


# ---------------------------------------------------------------------------------------------


def build_model(args, data: dict):
    """(family, model): from --init's checkpoint (its family and config) or fresh for --family."""
    if args.init:
        ckpt = torch.load(args.init)
        fam_name = ckpt.get("family", "lru")
        if args.family and args.family != fam_name:
            raise SystemExit(f"--family {args.family} but {args.init} holds a {fam_name} model: drop --family or pick another --init")
        args.family = fam_name
        fam = FAMILIES[fam_name]
        model = fam.cls(ckpt["config"])
        model.load_state_dict(ckpt["state_dict"])
        print(f"initialised from {args.init}", flush=True)
        return fam, model, ckpt
    args.family = args.family or "lru"
    fam = FAMILIES[args.family]
    # Arm families keep their module defaults (cls() exactly as before); quadruped ones pass dims.
    model = fam.cls(fam.config) if fam.config is not None else fam.cls()
    model.set_obs_normalization(*obs_statistics(data))
    return fam, model, None


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", nargs="+", required=True, help="collector output dirs")
    p.add_argument("--out", required=True, help="output dir")
    p.add_argument("--family", choices=sorted(FAMILIES), help="policy family (default lru; --init keeps its own)")
    p.add_argument("--init", help="model.pt to start from (DAgger rounds)")
    p.add_argument("--epochs", type=int, default=150, help="0 with --init: re-export the checkpoint as is")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--minutes", type=float, help="wall-time cap for the training loop")
    p.add_argument("--batch", type=int, default=16, help="episodes per batch")
    p.add_argument("--lr", type=float, help="peak Adam learning rate (cosine decay to 0); default per family")
    p.add_argument("--reach-weight", type=float, default=2.0, help="extra loss weight on fast label changes")
    p.add_argument("--crop", type=int, default=0, help="train on random crops of this many steps (0: whole episodes)")
    p.add_argument("--crop-warm", type=int, default=15, help="context steps before each crop (no loss on them)")
    p.add_argument("--threads", type=int, default=2, help="torch threads (the quadruped script uses 1)")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    data = load_dataset(args.data)
    print(f"data: {data['description']}; padded to T = {data['obs'].shape[1]}", flush=True)
    fam, model, ckpt = build_model(args, data)
    args.lr = args.lr or fam.lr
    print(f"{fam.cls.__name__}: {model.param_count()} parameters", flush=True)

    if args.epochs > 0:
        summary = train(model, data, args)
    elif ckpt is not None and "card" in ckpt:
        model.eval()
        t = ckpt["card"]["training"]
        summary = {k: t[k] for k in ("epochs", "final_loss", "val_loss") if k in t}
        print("--epochs 0: re-exporting the checkpoint unchanged", flush=True)
    else:
        raise SystemExit("--epochs 0 needs --init with a checkpoint that has a card")
    print(f"step-vs-sequence parity on episode 0: max |Δaction| {step_parity(model, data):.2e}", flush=True)

    card = make_card(fam, model, data, hidden_projection(model, data, args.batch), summary, args)
    checkpoint = {"state_dict": model.state_dict(), "family": args.family, "config": model.config, "card": card}
    torch.save(checkpoint, os.path.join(args.out, "model.pt"))
    onnx_path = os.path.join(args.out, "model.onnx")
    fam.module.export_onnx(model, onnx_path, card)
    with open(os.path.join(args.out, "card.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    golden = make_golden(fam, model, data)
    with open(os.path.join(args.out, "golden.json"), "w") as f:
        json.dump(golden, f)
        f.write("\n")
    size_kb = os.path.getsize(onnx_path) / 1024
    print(f"wrote {args.out}/model.pt, model.onnx ({size_kb:.0f} KB), card.json, golden.json", flush=True)


if __name__ == "__main__":
    main()
