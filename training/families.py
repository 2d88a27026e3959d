"""The arm policy families one training pipeline builds (policy contract v1): the model class, its
module (KNOBS, export_onnx) and the card identity. `train.py --family NAME` picks one.

Every class has the same interface:
    step(obs [B,14], state [B,S], *knobs [1]) -> (action [B,3], state_out [B,S], hidden [B,Hd], eig | None)
    forward_seq(obs [B,T,14], with_states=False) -> (actions, hidden[, states]) from the zero state
    set_obs_normalization(mean, std), param_count(), state_dim, hidden_dim, knobs
and its module an `export_onnx(model, path, card)`. `eigenvalues(*knobs)` exists where the
recurrence is parametric (LRU, LinOSS): those go into the card; the selective SSM outputs its
per-step eigenvalues as `eig` instead, and the Transformer has none.
"""

import os
import sys
from dataclasses import dataclass
from types import ModuleType

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linoss_policy  # noqa: E402
import lru_policy  # noqa: E402
import mlp_policy  # noqa: E402
import selective_policy  # noqa: E402
import transformer_policy  # noqa: E402


@dataclass(frozen=True)
class Family:
    module: ModuleType
    cls: type
    id: str
    name: str
    family: str  # contract v1 family: ssm | transformer | oscillator | rnn
    variant: str
    parametric_eig: bool
    lr: float  # peak Adam learning rate of `train.py` for this family
    config: dict | None = None  # overrides of the module's DEFAULT_CONFIG for a fresh model
    robot: str = "arm"  # contract v1 robot: arm | quadruped


FAMILIES = {
    "lru": Family(lru_policy, lru_policy.LRUPolicy, "arm-lru", "LRU (diagonal SSM)", "ssm", "lru", True, 3e-3),
    "selective": Family(
        selective_policy, selective_policy.SelectivePolicy, "arm-selective", "Selective SSM (Mamba-style)",
        "ssm", "selective", False, 3e-3,
    ),
    "linoss": Family(
        linoss_policy, linoss_policy.LinOSSPolicy, "arm-linoss", "LinOSS-IM (oscillator SSM)",
        "oscillator", "linoss-im", True, 3e-3,
    ),
    "transformer": Family(
        transformer_policy, transformer_policy.TransformerPolicy, "arm-transformer", "Causal Transformer (K = 16)",
        "transformer", "causal-window", False, 1e-3,
    ),
}

# The quadruped families (`train.py --family quad-*`, `npm run train:quad -- NAME`): all act through
# the CPG (8-D action: per-leg amplitude μ and frequency f, CpgController.setAction) on the 47-D
# observation, so they are comparable; small (<= 30k parameters). See training/README.md.
QUAD = {"obs_dim": 47, "act_dim": 8}
QUAD_FAMILIES = {
    "quad-cpg-mlp": Family(
        mlp_policy, mlp_policy.CpgMlpPolicy, "quad-cpg-mlp", "CPG-RL MLP (CPG modulated by an MLP)",
        "oscillator", "cpg-rl-mlp", False, 3e-3, {**QUAD, "width": 128}, "quadruped",
    ),
    "quad-lru": Family(
        lru_policy, lru_policy.LRUPolicy, "quad-lru", "LRU (diagonal SSM) through the CPG", "ssm", "lru", True,
        3e-3, {**QUAD, "hidden": 64, "modes": 32, "head": 64}, "quadruped",
    ),
    "quad-transformer": Family(
        transformer_policy, transformer_policy.TransformerPolicy, "quad-transformer",
        "Causal Transformer (K = 16) through the CPG", "transformer", "causal-window", False, 1e-3,
        {**QUAD, "d_model": 32, "context": 16, "layers": 2, "heads": 4, "mlp": 64, "head": 64}, "quadruped",
    ),
}
FAMILIES.update(QUAD_FAMILIES)


def knob_values(model, knobs=None) -> list:
    """The model's knob inputs as [1] tensors, in card order; `knobs` overrides by name."""
    import torch

    knobs = knobs or {}
    return [torch.tensor([float(knobs.get(k["name"], k["default"]))]) for k in model.knobs]
