"""Selective (Mamba-style) SSM policy for the Eigenplay arm: one Mamba block (Gu & Dao 2023;
SCIENCE.md §6) between a small encoder and a small MLP head. Same I/O and policy contract (v1) as
LRUPolicy.

Per control tick (60 Hz), with d_model = 32, D = expand·d_model = 64 channels, N = 16 states per
channel, R = dt_rank = ceil(d_model/16) = 2 and a depthwise causal conv of width K = 4:

    u_t   = GELU(W_in (obs_t - μ) / σ + b_in)                  obs [B, 14] -> u [B, d_model]
    x, z  = W_x u_t, W_z u_t                                    in_proj, no bias; x, z ∈ R^D
    x̃_t   = SiLU(conv_K(x)_t)                                   depthwise causal conv over x_{t-K+1..t}
    Δ_t   = softplus(W_Δ (W_r x̃_t) + b_Δ) ∈ R^D                 low-rank (R) Δ projection
    B_t, C_t = W_B x̃_t, W_C x̃_t ∈ R^N
    Ā_t   = exp(Δ_t ⊗ A),  A = -exp(A_log) ∈ R^{D×N}            ZOH on A only
    h_t   = Ā_t ⊙ h_{t-1} + (Δ_t ⊙ x̃_t) ⊗ B_t                  Euler B̄x ≈ ΔBx (Mamba's reference)
    y_t   = (h_t C_t) + D_skip ⊙ x̃_t,   g_t = y_t ⊙ SiLU(z)       g ∈ R^D, the `hidden` output
    a_t   = tanh(W_2 GELU(W_1 [GELU(W_out g_t), u_t] + b_1) + b_2)

Initialisation as mamba_simple.py (SCIENCE.md §6.2): S4D-Real A_log = log(1..N) per channel;
dt ~ exp(U[log dt_min, log dt_max]) clamped ≥ dt_init_floor, b_Δ = inverse softplus(dt)
= dt + log(-expm1(-dt)); W_Δ ~ U[±R^-½]; D_skip = 1. μ, σ: fixed input standardisation as in
LRUPolicy (set_obs_normalization).

State (state_dim = D·N + D·(K-1) = 1024 + 192 = 1216), zeros at reset:
    [h as D×N, channel-major (index d·N + n) | conv buffer as D×(K-1), channel-major, the last
     K-1 pre-conv inputs x of each channel oldest first]
The conv buffer is carried in the state, so the conv is exact across ticks (config d_conv = 1
drops it: no buffer, a per-channel scale).

`eig` (SCIENCE.md §6.3): there is no fixed transition; the output is this step's per-step
eigenvalues λ_{d,n} = Ā_t[d, n] = exp(Δ_{t,d} A_{d,n}) ∈ (0, 1) of batch row 0, flattened
channel-major as [D·N, 2] with zero imaginary parts (the browser runs B = 1). The card has no
parametric eigenvalues for this model: give it `eigenvalues: []`. No knobs.

Contract I/O (`StepExport`, `export_onnx`):
    inputs  obs [B, 14], state [B, 1216]
    outputs action [B, 3], state_out [B, 1216], hidden [B, D] (= g_t), eig [D·N, 2]

Two equivalent forward paths:
  * `step`: one tick from a given state (exported to ONNX);
  * `forward_seq`: whole sequences from the zero state (training): everything but the scan is
    batched over time (conv as F.conv1d with K-1 zeros of left padding, i.e. the zero buffer);
    the input-dependent diagonal scan over h is a sequential loop of two elementwise ops per tick
    (Mamba's `selective_scan_ref`), which keeps autograd memory at one [B, D, N] per tick.
"""

import math
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lru_policy import dense  # noqa: E402
from onnx_export import export_step  # noqa: E402
from policy_base import PolicyBase  # noqa: E402

DEFAULT_CONFIG = {
    "obs_dim": 14,
    "act_dim": 3,
    "d_model": 32,  # encoder width
    "expand": 2,  # D = expand · d_model channels
    "d_state": 16,  # N per channel
    "d_conv": 4,  # K, causal depthwise conv width (1: no conv buffer)
    "dt_rank": None,  # R; None: ceil(d_model / 16)
    "dt_min": 1e-3,
    "dt_max": 0.1,
    "dt_init_floor": 1e-4,
    "head": 64,  # width of the MLP head
}

KNOBS: list = []


def inverse_softplus(x: torch.Tensor) -> torch.Tensor:
    """y with softplus(y) = x, as x + log(-expm1(-x)) (float32-safe for small x)."""
    return x + torch.log(-torch.expm1(-x))


def discretize(delta: torch.Tensor, A: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(Ā, B̄/B) for a diagonal A and step Δ, broadcast: Ā = exp(ΔA) and the exact ZOH
    B̄/B = (exp(ΔA) - 1)/A. The model uses Ā and the Euler B̄ ≈ Δ·B; ZOH is for checks."""
    dA = torch.exp(delta * A)
    return dA, torch.expm1(delta * A) / A


class SelectivePolicy(PolicyBase):
    """Observation [B, 14] -> normalised action [B, 3] in [-1, 1], through one selective SSM block."""

    family = "ssm"
    variant = "mamba"
    knobs = KNOBS

    def __init__(self, config: dict | None = None):
        super().__init__()
        self.config = {**DEFAULT_CONFIG, **(config or {})}
        c = self.config
        dm, N, K = c["d_model"], c["d_state"], c["d_conv"]
        Di = c["expand"] * dm
        R = c["dt_rank"] or math.ceil(dm / 16)
        self.channels, self.rank = Di, R
        self.state_dim = Di * N + Di * (K - 1)
        self.hidden_dim = Di
        self.n_eig = Di * N

        self._init_standardization(c["obs_dim"])
        self.encoder = nn.Linear(c["obs_dim"], dm)

        self.in_proj = nn.Linear(dm, 2 * Di, bias=False)
        self.conv = nn.Conv1d(Di, Di, K, groups=Di, padding=K - 1)  # weight [Di, 1, K]
        self.x_proj = nn.Linear(Di, R + 2 * N, bias=False)
        self.dt_proj = nn.Linear(R, Di)
        std = R**-0.5
        nn.init.uniform_(self.dt_proj.weight, -std, std)
        dt = torch.exp(
            torch.rand(Di) * (math.log(c["dt_max"]) - math.log(c["dt_min"])) + math.log(c["dt_min"])
        ).clamp_min(c["dt_init_floor"])
        with torch.no_grad():
            self.dt_proj.bias.copy_(inverse_softplus(dt))
        self.A_log = nn.Parameter(torch.log(torch.arange(1, N + 1, dtype=torch.float32)).repeat(Di, 1))
        self.D = nn.Parameter(torch.ones(Di))
        self.out_proj = nn.Linear(Di, dm, bias=False)

        self.head_hidden = nn.Linear(2 * dm, c["head"])
        self.head_out = nn.Linear(c["head"], c["act_dim"])

    # ----------------------------------------------------------------------------------------
    def A(self) -> torch.Tensor:
        """A = -exp(A_log), [D, N] (S4D-Real at init: -1..-N)."""
        return -torch.exp(self.A_log)

    def _selection(self, xc: torch.Tensor, linear=F.linear):
        """(Δ [..., D], B_t [..., N], C_t [..., N]) from the conv output x̃ [..., D]."""
        R, N = self.rank, self.config["d_state"]
        x_dbl = linear(xc, self.x_proj.weight)
        dt_low, Bt, Ct = x_dbl[..., :R], x_dbl[..., R : R + N], x_dbl[..., R + N :]
        delta = F.softplus(linear(dt_low, self.dt_proj.weight, self.dt_proj.bias))
        return delta, Bt, Ct

    def _readout(self, u: torch.Tensor, g: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """Action [..., 3] from encoder features u and the gated SSM output g [..., D]."""
        o = linear(g, self.out_proj.weight)
        z = torch.cat([F.gelu(o), u], dim=-1)
        hidden = F.gelu(linear(z, self.head_hidden.weight, self.head_hidden.bias))
        return torch.tanh(linear(hidden, self.head_out.weight, self.head_out.bias))

    def step(self, obs: torch.Tensor, state: torch.Tensor):
        """One tick. obs [B, 14], state [B, state_dim] ->
        (action [B, 3], state_out [B, state_dim], hidden [B, D], eig [D·N, 2])."""
        Di, N, K = self.channels, self.config["d_state"], self.config["d_conv"]
        h = state[:, : Di * N].reshape(-1, Di, N)
        u = self._encode(obs)
        xz = F.linear(u, self.in_proj.weight)
        x, z = xz[:, :Di], xz[:, Di:]
        if K > 1:
            buf = state[:, Di * N :].reshape(-1, Di, K - 1)
            window = torch.cat([buf, x[:, :, None]], dim=-1)  # [B, D, K], oldest first
        else:
            window = x[:, :, None]
        xc = F.silu((window * self.conv.weight[:, 0, :]).sum(-1) + self.conv.bias)
        delta, Bt, Ct = self._selection(xc)
        dA = torch.exp(delta[:, :, None] * self.A())  # [B, D, N]
        h = dA * h + (delta * xc)[:, :, None] * Bt[:, None, :]
        y = (h * Ct[:, None, :]).sum(-1) + self.D * xc
        g = y * F.silu(z)
        action = self._readout(u, g)
        parts = [h.reshape(-1, Di * N)]
        if K > 1:
            parts.append(window[:, :, 1:].reshape(-1, Di * (K - 1)))
        state_out = torch.cat(parts, dim=-1)
        lam = dA[0].reshape(Di * N)
        eig = torch.stack([lam, torch.zeros_like(lam)], dim=-1)
        return action, state_out, g, eig

    def forward_seq(self, obs: torch.Tensor, with_states: bool = False):
        """Whole sequences from the zero state. obs [B, T, 14] -> (actions [B, T, 3],
        hidden [B, T, D]) (+ states [B, T, state_dim] if with_states).

        hidden[:, t] and states[:, t] equal the `step` outputs at tick t (same layouts)."""
        Bsz, T, _ = obs.shape
        Di, N, K = self.channels, self.config["d_state"], self.config["d_conv"]
        u = self._encode(obs, dense)  # [B, T, dm]
        xz = dense(u, self.in_proj.weight)
        x, z = xz[..., :Di], xz[..., Di:]
        xc = F.conv1d(x.transpose(1, 2), self.conv.weight, self.conv.bias, padding=K - 1, groups=Di)
        xc = F.silu(xc[..., :T].transpose(1, 2))  # [B, T, D], causal (left zeros = zero buffer)
        delta, Bt, Ct = self._selection(xc, dense)
        dA = torch.exp(delta[..., None] * self.A())  # [B, T, D, N]
        dBx = (delta * xc)[..., None] * Bt[:, :, None, :]  # [B, T, D, N]

        h = obs.new_zeros(Bsz, Di, N)
        hs = []
        for a_t, b_t in zip(dA.unbind(1), dBx.unbind(1)):
            h = a_t * h + b_t
            hs.append(h)
        hs = torch.stack(hs, dim=1)  # [B, T, D, N]
        y = (hs * Ct[:, :, None, :]).sum(-1) + self.D * xc
        g = y * F.silu(z)
        actions = self._readout(u, g, dense)
        if not with_states:
            return actions, g
        parts = [hs.reshape(Bsz, T, Di * N)]
        if K > 1:
            # Buffer after tick t: x_{t-K+2..t}, zeros before the start.
            xp = F.pad(x, (0, 0, K - 2, 0))  # [B, T + K - 2, D]
            buf = xp.unfold(1, K - 1, 1)  # [B, T, D, K-1], oldest first
            parts.append(buf.reshape(Bsz, T, Di * (K - 1)))
        return actions, g, torch.cat(parts, dim=-1)


class StepExport(nn.Module):
    """The ONNX step graph: (obs [B,14], state [B,state_dim]) ->
    (action [B,3], state_out [B,state_dim], hidden [B,D], eig [D·N,2])."""

    input_names = ["obs", "state"]
    output_names = ["action", "state_out", "hidden", "eig"]

    def __init__(self, policy: SelectivePolicy):
        super().__init__()
        self.policy = policy

    def forward(self, obs, state):
        return self.policy.step(obs, state)


def export_onnx(model: SelectivePolicy, path: str, card: dict | None = None) -> None:
    """Exports the step graph at opset 17 (B dynamic), embeds `card` under
    metadata_props["eigenplay_card"] when given, and runs onnx.checker."""
    model = model.eval()
    inputs = (torch.zeros(2, model.config["obs_dim"]), torch.zeros(2, model.state_dim))
    export_step(StepExport(model), inputs, StepExport.input_names, StepExport.output_names, path, card)
