"""LRU policy for the Eigenplay arm: one diagonal complex linear recurrence (Orvieto et al. 2023,
arXiv:2303.06349; SCIENCE.md §2) between a small encoder and a small MLP head.

Per control tick (60 Hz), with H = 64 features and N = 32 complex modes:

    u_t = GELU(W_in (obs_t - μ) / σ + b_in)                         obs [B, 14] -> u [B, H]
    x_t = λ ⊙ x_{t-1} + γ ⊙ (B u_t)                                 x ∈ C^N, B ∈ C^{N×H}
    y_t = Re(C x_t) + D ⊙ u_t                                       C ∈ C^{H×N}, D ∈ R^H
    a_t = tanh(W_2 GELU(W_1 [GELU(y_t), u_t] + b_1) + b_2)          a [B, 3], normalised targets

    λ_j = ρ·exp(-exp(ν_log_j)) · exp(i·φ·exp(θ_log_j)),   γ_j = exp(γ_log_j)

μ, σ are fixed per-input statistics of the training data. ρ (`radius_scale`) and φ (`phase_scale`)
are the eigenvalue-surgery knobs, model inputs of shape [1] with neutral value 1: ρ multiplies
every |λ_j| (ρ·max|λ| > 1 makes the recurrence unstable), φ every rotation angle arg λ_j. They act
on the recurrence itself; γ (the input normalisation) keeps its trained value. Complex numbers
are kept as real pairs so the exported ONNX graph is all float32.
The state contract is x as [Re x_0..Re x_{N-1}, Im x_0..Im x_{N-1}] (state_dim = 2N = 64).

Two equivalent forward paths:
  * `step`: one tick from a given state (exported to ONNX, run by the browser);
  * `forward_seq`: whole sequences from the zero state (training), chunked parallel form: inside a
    chunk of L ticks the recurrence is a causal [L, L] kernel of powers λ^(t-k) applied with one
    batched matmul per mode, and chunk boundaries are carried sequentially (T/L small steps).
"""

import math
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from onnx_export import export_step  # noqa: E402
from policy_base import PolicyBase  # noqa: E402

DEFAULT_CONFIG = {
    "obs_dim": 14,
    "act_dim": 3,
    "hidden": 64,  # H, encoder width and LRU input/output width
    "modes": 32,  # N, complex modes; state_dim = 2N
    "head": 64,  # width of the MLP head
    "r_min": 0.9,  # ring initialisation of |λ| (SCIENCE.md §2.3)
    "r_max": 0.999,
    "max_phase": math.pi / 4,  # arg λ initialised in [0, max_phase] rad per tick
    "chunk": 16,  # L, chunk length of the parallel form (no effect on the function computed)
}


KNOBS = [
    {
        "name": "radius_scale",
        "default": 1,
        "min": 0.8,
        "max": 1.05,
        "description": "multiplies every eigenvalue's modulus |λ|: below 1 every mode forgets faster, above 1/max|λ| the state grows without bound",
    },
    {
        "name": "phase_scale",
        "default": 1,
        "min": 0,
        "max": 3,
        "description": "multiplies every eigenvalue's rotation angle arg λ, keeping |λ|; 0 stops the rotation",
    },
]


def dense(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """F.linear (x [..., in] -> [..., out], weight [out, in]) computed as a 1x1 convolution.

    Debian's torch 1.13 runs matmul on the reference BLAS (about 2 GFLOP/s on this machine) but
    convolutions on oneDNN, about 10x faster; the training path uses this, `step` uses F.linear."""
    y = F.conv1d(x.reshape(-1, x.shape[-1], 1), weight[:, :, None], bias)
    return y.reshape(*x.shape[:-1], weight.shape[0])


def nu_log_for_radius(r: torch.Tensor) -> torch.Tensor:
    """ν_log such that |λ| = exp(-exp(ν_log)) = r at neutral knobs; r in (0, 1)."""
    return torch.log(-torch.log(r))


def gamma_log_for_nu_log(nu_log: torch.Tensor) -> torch.Tensor:
    """γ_log = log sqrt(1 - |λ|²), with 1 - |λ|² = -expm1(-2·exp(ν_log)) for float32 accuracy."""
    return 0.5 * torch.log(-torch.expm1(-2.0 * torch.exp(nu_log)))


class LRUPolicy(PolicyBase):
    """Observation [B, 14] -> normalised action [B, 3] in [-1, 1], through a 64-float LRU state."""

    knobs = KNOBS

    def __init__(self, config: dict | None = None):
        super().__init__()
        self.config = {**DEFAULT_CONFIG, **(config or {})}
        c = self.config
        H, N = c["hidden"], c["modes"]
        self.state_dim = 2 * N
        self.hidden_dim = 2 * N

        # Fixed input standardisation, set from the training data (set_obs_normalization).
        self._init_standardization(c["obs_dim"])
        self.encoder = nn.Linear(c["obs_dim"], H)

        # Ring initialisation: |λ|² ~ U[r_min², r_max²], arg λ ~ U[0, max_phase].
        u1 = torch.rand(N)
        u2 = torch.rand(N).clamp_min(1e-6)  # keeps log(max_phase·u2) finite
        radius_sq = u1 * (c["r_max"] ** 2 - c["r_min"] ** 2) + c["r_min"] ** 2
        nu_log = torch.log(-0.5 * torch.log(radius_sq))
        self.nu_log = nn.Parameter(nu_log)
        self.theta_log = nn.Parameter(torch.log(c["max_phase"] * u2))
        self.gamma_log = nn.Parameter(gamma_log_for_nu_log(nu_log))
        self.B_re = nn.Parameter(torch.randn(N, H) / math.sqrt(2 * H))
        self.B_im = nn.Parameter(torch.randn(N, H) / math.sqrt(2 * H))
        self.C_re = nn.Parameter(torch.randn(H, N) / math.sqrt(N))
        self.C_im = nn.Parameter(torch.randn(H, N) / math.sqrt(N))
        self.D = nn.Parameter(torch.randn(H))

        self.head_hidden = nn.Linear(2 * H, c["head"])
        self.head_out = nn.Linear(c["head"], c["act_dim"])

    # ----------------------------------------------------------------------------------------
    def log_lambda(self, radius_scale, phase_scale) -> tuple[torch.Tensor, torch.Tensor]:
        """(log|λ|, arg λ), each [N]; the knobs are [1] or 0-d tensors (or floats)."""
        rho = radius_scale if torch.is_tensor(radius_scale) else torch.tensor(radius_scale)
        phi = phase_scale if torch.is_tensor(phase_scale) else torch.tensor(phase_scale)
        return torch.log(rho) - torch.exp(self.nu_log), phi * torch.exp(self.theta_log)

    def eigenvalues(self, radius_scale=1.0, phase_scale=1.0) -> torch.Tensor:
        """λ as [N, 2] (re, im) at the given knobs."""
        log_mag, phase = self.log_lambda(radius_scale, phase_scale)
        mag = torch.exp(log_mag)
        return torch.stack([mag * torch.cos(phase), mag * torch.sin(phase)], dim=-1)

    def _readout(self, u: torch.Tensor, x: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """Action [..., 3] from encoder features u [..., H] and the new state x [..., 2N]."""
        C = torch.cat([self.C_re, -self.C_im], dim=1)  # Re(C x) = C_re Re x - C_im Im x
        y = linear(x, C) + self.D * u
        z = torch.cat([F.gelu(y), u], dim=-1)
        hidden = F.gelu(linear(z, self.head_hidden.weight, self.head_hidden.bias))
        return torch.tanh(linear(hidden, self.head_out.weight, self.head_out.bias))

    def _drive(self, u: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """Input to the recurrence γ ⊙ (B u) as [..., 2N] (re, im) from u [..., H]."""
        gamma = torch.exp(self.gamma_log)
        gamma = torch.cat([gamma, gamma])
        return gamma * linear(u, torch.cat([self.B_re, self.B_im], dim=0))

    def step(self, obs: torch.Tensor, state: torch.Tensor, radius_scale, phase_scale):
        """One tick. obs [B, 14], state [B, 2N], knobs [1] ->
        (action [B, 3], state_out [B, 2N], hidden [B, 2N] (= state_out), eig [N, 2])."""
        N = self.config["modes"]
        u = self._encode(obs)
        lam = self.eigenvalues(radius_scale, phase_scale)
        lam_re, lam_im = lam[:, 0], lam[:, 1]
        v = self._drive(u)
        x_re, x_im = state[:, :N], state[:, N:]
        new_re = lam_re * x_re - lam_im * x_im + v[:, :N]
        new_im = lam_im * x_re + lam_re * x_im + v[:, N:]
        state_out = torch.cat([new_re, new_im], dim=-1)
        return self._readout(u, state_out), state_out, state_out, lam

    def forward_seq(self, obs: torch.Tensor, radius_scale=1.0, phase_scale=1.0, with_states: bool = False):
        """Whole sequences from the zero state. obs [B, T, 14] -> (actions [B, T, 3],
        hidden [B, T, 2N]) (+ states [B, T, 2N] if with_states; here hidden = states).

        states[:, t] equals the state_out of `step` at tick t (same layout)."""
        Bsz, T, _ = obs.shape
        N, L = self.config["modes"], self.config["chunk"]
        u = self._encode(obs, dense)  # [B, T, H]
        v = self._drive(u, dense)  # [B, T, 2N]
        v_re, v_im = v[..., :N], v[..., N:]

        n_chunks = -(-T // L)
        pad = n_chunks * L - T
        if pad:
            v_re = F.pad(v_re, (0, 0, 0, pad))
            v_im = F.pad(v_im, (0, 0, 0, pad))
        v_re = v_re.reshape(Bsz, n_chunks, L, N)
        v_im = v_im.reshape(Bsz, n_chunks, L, N)

        # Powers λ^d as exp(d·log λ), for lags d = 0..L (small, so the phase d·θ stays accurate).
        log_mag, phase = self.log_lambda(radius_scale, phase_scale)
        lags = torch.arange(L + 1, dtype=obs.dtype)
        pow_mag = torch.exp(lags[:, None] * log_mag)  # [L+1, N]
        pow_re = pow_mag * torch.cos(lags[:, None] * phase)
        pow_im = pow_mag * torch.sin(lags[:, None] * phase)

        # Causal kernel K[n, t, k] = λ_n^(t-k) for t >= k, else 0.
        t_idx = torch.arange(L)
        lag = t_idx[:, None] - t_idx[None, :]  # [L, L]
        causal = (lag >= 0).to(obs.dtype)
        lag = lag.clamp_min(0)
        K_re = (pow_re[lag] * causal[..., None]).permute(2, 0, 1)  # [N, L, L]
        K_im = (pow_im[lag] * causal[..., None]).permute(2, 0, 1)

        intra_re = torch.einsum("ntk,bckn->bctn", K_re, v_re) - torch.einsum("ntk,bckn->bctn", K_im, v_im)
        intra_im = torch.einsum("ntk,bckn->bctn", K_re, v_im) + torch.einsum("ntk,bckn->bctn", K_im, v_re)

        # Carry the state across chunk boundaries: x[c, t] = intra[c, t] + λ^(t+1) h_{c-1}.
        carry_re, carry_im = pow_re[1:], pow_im[1:]  # [L, N]
        h_re = obs.new_zeros(Bsz, 1, N)
        h_im = obs.new_zeros(Bsz, 1, N)
        chunks_re, chunks_im = [], []
        for c_re, c_im in zip(intra_re.unbind(1), intra_im.unbind(1)):
            x_re = c_re + carry_re * h_re - carry_im * h_im
            x_im = c_im + carry_re * h_im + carry_im * h_re
            chunks_re.append(x_re)
            chunks_im.append(x_im)
            h_re, h_im = x_re[:, -1:], x_im[:, -1:]
        x_re = torch.cat(chunks_re, dim=1)[:, :T]
        x_im = torch.cat(chunks_im, dim=1)[:, :T]
        states = torch.cat([x_re, x_im], dim=-1)
        actions = self._readout(u, states, dense)
        return (actions, states, states) if with_states else (actions, states)


class StepExport(nn.Module):
    """The ONNX step graph: (obs [B,14], state [B,2N], radius_scale [1], phase_scale [1]) ->
    (action [B,3], state_out [B,2N], hidden [B,2N], eig [N,2]); hidden repeats state_out."""

    input_names = ["obs", "state", "radius_scale", "phase_scale"]
    output_names = ["action", "state_out", "hidden", "eig"]

    def __init__(self, policy: LRUPolicy):
        super().__init__()
        self.policy = policy

    def forward(self, obs, state, radius_scale, phase_scale):
        action, state_out, hidden, eig = self.policy.step(obs, state, radius_scale, phase_scale)
        return action, state_out, torch.clone(hidden), eig


def export_onnx(model: LRUPolicy, path: str, card: dict | None = None) -> None:
    """Exports the step graph at opset 17 (B dynamic), embeds `card` under
    metadata_props["eigenplay_card"] when given, and runs onnx.checker."""
    model = model.eval()
    inputs = (torch.zeros(2, model.config["obs_dim"]), torch.zeros(2, model.state_dim), torch.ones(1), torch.ones(1))
    export_step(StepExport(model), inputs, StepExport.input_names, StepExport.output_names, path, card)
