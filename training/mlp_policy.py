"""CPG-RL policy for the quadruped (Bellegarda & Ijspeert 2022; SCIENCE.md §1): an MLP that sets
the CPG's per-leg amplitude μ_i and frequency f_i each control tick. The rhythm lives in the CPG,
inside the sim; the network only modulates it, so its recurrence (and eigenvalues) are the CPG's,
which the app computes from the sim (QuadSim.eigenvalues), not the model's.

Per control tick (50 Hz):

    h_1 = GELU(W_1 (obs_t - μ) / σ + b_1)          obs [B, 47] -> [B, W]
    h_2 = GELU(W_2 h_1 + b_2)                      hidden [B, W] (the panel's hidden vector)
    a_t = tanh(W_3 h_2 + b_3)                      a [B, 8]: μ_FR..μ_RL, f_FR..f_RL in [-1, 1]

μ, σ are fixed per-input statistics of the training data (PolicyBase). The MLP has no memory of
its own: policy contract v1 needs a `state` input and a `state_out` output, so the state is a
1-float placeholder passed through unchanged (state_out = state, zeros from reset). No knobs, no
`eig` output; the card's eigenvalues are [] and its `cpg` entry says the eigenvalues to show are
the CPG's.
"""

import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lru_policy import dense  # noqa: E402
from onnx_export import export_step  # noqa: E402
from policy_base import PolicyBase  # noqa: E402

DEFAULT_CONFIG = {"obs_dim": 47, "act_dim": 8, "width": 128}
KNOBS: list = []


class CpgMlpPolicy(PolicyBase):
    """Observation [B, obs_dim] -> normalised CPG action [B, act_dim]; stateless (1-float placeholder)."""

    knobs = KNOBS

    def __init__(self, config: dict | None = None):
        super().__init__()
        self.config = {**DEFAULT_CONFIG, **(config or {})}
        c = self.config
        self.state_dim = 1
        self.hidden_dim = c["width"]
        self._init_standardization(c["obs_dim"])
        self.encoder = nn.Linear(c["obs_dim"], c["width"])
        self.hidden = nn.Linear(c["width"], c["width"])
        self.head_out = nn.Linear(c["width"], c["act_dim"])

    def _forward(self, obs: torch.Tensor, linear=F.linear):
        h = F.gelu(linear(self._encode(obs, linear), self.hidden.weight, self.hidden.bias))
        return torch.tanh(linear(h, self.head_out.weight, self.head_out.bias)), h

    def step(self, obs: torch.Tensor, state: torch.Tensor):
        """One tick. obs [B, obs_dim], state [B, 1] -> (action, state_out (= state), hidden [B, W], None)."""
        action, hidden = self._forward(obs)
        return action, state, hidden, None

    def forward_seq(self, obs: torch.Tensor, with_states: bool = False):
        """obs [B, T, obs_dim] -> (actions [B, T, act_dim], hidden [B, T, W]) (+ zero states [B, T, 1])."""
        actions, hidden = self._forward(obs, dense)
        if not with_states:
            return actions, hidden
        return actions, hidden, obs.new_zeros(*obs.shape[:-1], 1)


class StepExport(nn.Module):
    """The ONNX step graph: (obs [B, obs_dim], state [B, 1]) -> (action, state_out [B, 1], hidden [B, W])."""

    input_names = ["obs", "state"]
    output_names = ["action", "state_out", "hidden"]

    def __init__(self, policy: CpgMlpPolicy):
        super().__init__()
        self.policy = policy

    def forward(self, obs, state):
        action, state_out, hidden, _ = self.policy.step(obs, state)
        # A graph output may not be a graph input: state_out is a copy (an Identity node).
        return action, torch.clone(state_out), hidden


def export_onnx(model: CpgMlpPolicy, path: str, card: dict | None = None) -> None:
    """Exports the step graph at opset 17 (B dynamic), embeds `card`, runs onnx.checker."""
    model = model.eval()
    inputs = (torch.zeros(2, model.config["obs_dim"]), torch.zeros(2, model.state_dim))
    export_step(StepExport(model), inputs, StepExport.input_names, StepExport.output_names, path, card)
