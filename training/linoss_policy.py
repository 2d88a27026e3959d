"""LinOSS policy for the Eigenplay arm: P forced, uncoupled harmonic oscillators discretised with
implicit Euler (LinOSS-IM; Rusch & Rus, ICLR 2025, arXiv:2410.03943; SCIENCE.md §4.2) between a
small encoder and a small MLP head. Same I/O and policy contract (v1) as LRUPolicy.

Continuous model per oscillator k:  y'' = -A_k y + (B u)_k,  A = ReLU(Â) ≥ 0,  Δt = sigmoid(ŝ).
With z = y' and the state x = [z; y] (velocities first, positions last), implicit Euler gives

    z_n = z_{n-1} + Δt (-A y_n + B u_n),   y_n = y_{n-1} + Δt z_n

which, per mode, with S = 1 / (1 + Δt² A), is

    x_n = M_IM x_{n-1} + F_n,   M_IM = [[S, -Δt A S], [Δt S, S]],   F_n = [Δt S (Bu)_n; Δt² S (Bu)_n]

and M_IM has eigenvalues λ = S (1 ± iΔt√A) = cos θ · e^{±iθ}, θ = arctan(Δt√A), |λ| = √S.

Per control tick (60 Hz), with H = 64 features and P = 32 oscillators:

    u_t = GELU(W_in (obs_t - μ) / σ + b_in)                        obs [B, 14] -> u [B, H]
    x_t = M x_{t-1} + F_t                                          x = [z; y] ∈ R^{2P}
    o_t = C y_t + D ⊙ u_t                                          C ∈ R^{H×P}, D ∈ R^H
    a_t = tanh(W_2 GELU(W_1 [GELU(o_t), u_t] + b_1) + b_2)         a [B, 3], normalised targets

B and C are real here (the paper's are complex; SCIENCE.md §4.1). μ, σ are fixed per-input
statistics of the training data (set_obs_normalization), as in LRUPolicy.

Knobs (ONNX inputs of shape [1], neutral 1; both act on the transition M, never on outputs):

    M(ρ, φ) = ρ cos θ · T⁻¹ R(φθ) T,   T = diag(1, √A),   R = 2-D rotation
            = ρ cos θ · [[cos φθ, -√A sin φθ], [sin(φθ)/√A, cos φθ]]

  * `radius_scale` ρ multiplies every |λ| (ρ > 1/max|λ| makes the recurrence unstable);
  * `phase_scale` φ multiplies every rotation angle arg λ (0: no rotation), keeping |λ|.
M(1, 1) = M_IM: the code writes M(ρ, φ) with q = sin(φθ)/sin θ = cos δθ + sin δθ · cot θ
(δ = φ - 1) and the IM identities √A sin θ = Δt A √S, sin(θ)/√A = Δt √S, so at φ = 1 (q = 1
exactly, zero gradient) every entry is the IM one, with the IM gradient, and exact at A = 0
(where M_IM is the Jordan block [[1, 0], [Δt, 1]]).
Only θ = arctan(Δt√A) floors A at A_SQRT_EPS = 1e-12, so at A = 0 `eig` reports Im λ ≈ Δt·1e-6
instead of 0. Away from φ = 1 the gradient through q is ill-conditioned for A → 0: train at
neutral knobs (forward_seq's defaults), use the knobs at inference. The forcing F keeps its IM
form whatever the knobs.

Contract I/O (`StepExport`, `export_onnx`):
    inputs  obs [B, 14], state [B, 2P], radius_scale [1], phase_scale [1]
    outputs action [B, 3], state_out [B, 2P], hidden [B, 2P] (= state_out), eig [2P, 2]
The state layout is [z_0..z_{P-1}, y_0..y_{P-1}] (state_dim = 2P = 64); eig lists the P
eigenvalues with +Im first, then their P conjugates, as (re, im) at the given knobs.

Two equivalent forward paths, as in LRUPolicy:
  * `step`: one tick from a given state (exported to ONNX, run by the browser);
  * `forward_seq`: whole sequences from the zero state (training), chunked parallel form: inside a
    chunk of L ticks a causal [L, L] kernel of the powers M^(t-k) per mode (2x2 products of the
    same M the step applies), chunk boundaries carried sequentially.
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
    "hidden": 64,  # H, encoder width and oscillator input/output width
    "oscillators": 32,  # P; state_dim = 2P
    "head": 64,  # width of the MLP head
    "a_init": (0.0, 1.0),  # Â ~ U[a, b] (paper: U[0, 1]), A = ReLU(Â)
    "dt_logit_init": (0.0, 1.0),  # ŝ ~ U[a, b] (paper: U[0, 1]), Δt = sigmoid(ŝ) ∈ [0.5, 0.731]
    "chunk": 16,  # L, chunk length of the parallel form (no effect on the function computed)
}

A_SQRT_EPS = 1e-12  # floor on A inside θ = arctan(Δt√A) only (keeps sin θ > 0 at A = 0)

KNOBS = [
    {
        "name": "radius_scale",
        "default": 1,
        "min": 0.8,
        "max": 1.05,  # above 1/max|λ| (just over 1 when some A ≈ 0) the state grows without bound
        "description": "multiplies every eigenvalue's modulus |λ| in the transition: below 1 every mode forgets faster, above 1/max|λ| the state grows without bound",
    },
    {
        "name": "phase_scale",
        "default": 1,
        "min": 0,
        "max": 3,
        "description": "multiplies every eigenvalue's rotation angle arg λ, keeping |λ|; 0 stops the oscillation",
    },
]


def im_transition(A: torch.Tensor, dt: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """LinOSS-IM per mode (SCIENCE.md §4.2): (M [..., 2, 2], f [..., 2]) such that
    [z_n; y_n] = M [z_{n-1}; y_{n-1}] + f · (Bu)_n. A, dt broadcastable tensors."""
    A, dt = torch.broadcast_tensors(A, dt)
    S = 1.0 / (1.0 + dt * dt * A)
    M = torch.stack([torch.stack([S, -dt * A * S], -1), torch.stack([dt * S, S], -1)], -2)
    return M, torch.stack([dt * S, dt * dt * S], -1)


def im_eigenvalues(A: torch.Tensor, dt: torch.Tensor) -> torch.Tensor:
    """λ = S (1 ± iΔt√A) as [..., 2, 2]: [..., 0] = (re, +im), [..., 1] = the conjugate."""
    A, dt = torch.broadcast_tensors(A, dt)
    S = 1.0 / (1.0 + dt * dt * A)
    im = S * dt * torch.sqrt(A)
    return torch.stack([torch.stack([S, im], -1), torch.stack([S, -im], -1)], -2)


class LinOSSPolicy(PolicyBase):
    """Observation [B, 14] -> normalised action [B, 3] in [-1, 1], through 2P = 64 real floats of
    oscillator state [z; y]."""

    family = "ssm"
    variant = "linoss-im"
    knobs = KNOBS

    def __init__(self, config: dict | None = None):
        super().__init__()
        self.config = {**DEFAULT_CONFIG, **(config or {})}
        c = self.config
        H, P = c["hidden"], c["oscillators"]
        self.state_dim = 2 * P
        self.hidden_dim = 2 * P

        # Fixed input standardisation, set from the training data (set_obs_normalization).
        self._init_standardization(c["obs_dim"])
        self.encoder = nn.Linear(c["obs_dim"], H)

        a0, a1 = c["a_init"]
        s0, s1 = c["dt_logit_init"]
        self.A_hat = nn.Parameter(torch.empty(P).uniform_(a0, a1))
        self.dt_hat = nn.Parameter(torch.empty(P).uniform_(s0, s1))
        self.B = nn.Parameter(torch.empty(P, H).uniform_(-1 / math.sqrt(H), 1 / math.sqrt(H)))
        self.C = nn.Parameter(torch.empty(H, P).uniform_(-1 / math.sqrt(P), 1 / math.sqrt(P)))
        self.D = nn.Parameter(torch.randn(H))

        self.head_hidden = nn.Linear(2 * H, c["head"])
        self.head_out = nn.Linear(c["head"], c["act_dim"])

    # ----------------------------------------------------------------------------------------
    def oscillator_params(self) -> tuple[torch.Tensor, torch.Tensor]:
        """(A, Δt), each [P]: A = ReLU(Â) ≥ 0, Δt = sigmoid(ŝ) ∈ (0, 1)."""
        return F.relu(self.A_hat), torch.sigmoid(self.dt_hat)

    def _angles(self, phase_scale):
        """(θ, φθ, √S) each [P]: θ = arctan(Δt √A) = arg λ_IM, √S = 1/√(1 + Δt²A) = cos θ = |λ_IM|.
        A is floored at A_SQRT_EPS inside θ only (θ > 0, so sin θ is never 0)."""
        A, dt = self.oscillator_params()
        theta = torch.atan(dt * torch.sqrt(A.clamp_min(A_SQRT_EPS)))
        return theta, phase_scale * theta, torch.rsqrt(1.0 + dt * dt * A)

    def transition(self, radius_scale, phase_scale):
        """Entries (m11, m12, m21) of M(ρ, φ) per mode, each [P] (m22 = m11):

            m11 = ρ cos θ · cos φθ,  m12 = -ρ cos θ · √A sin φθ,  m21 = ρ cos θ · sin(φθ)/√A,

        written with q = sin(φθ)/sin θ = cos δθ + sin(δθ) cos θ / sin θ (δ = φ - 1) and the IM
        identities √A sin θ = Δt A √S, sin(θ)/√A = Δt √S. At φ = 1, δθ = 0 makes q exactly 1
        with an exactly zero gradient, so the map and its gradient are those of M_IM (polynomial
        in A; exact at A = 0). Train at neutral knobs."""
        A, dt = self.oscillator_params()
        theta, angle, sqrt_s = self._angles(phase_scale)
        r = radius_scale * sqrt_s
        extra = (phase_scale - 1.0) * theta
        q = torch.cos(extra) + torch.sin(extra) * (torch.cos(theta) / torch.sin(theta))
        rq = r * q
        return r * torch.cos(angle), -rq * (dt * A * sqrt_s), rq * (dt * sqrt_s)

    def eigenvalues(self, radius_scale, phase_scale) -> torch.Tensor:
        """λ of M(ρ, φ) as [2P, 2] (re, im): the P with Im ≥ 0, then their conjugates.
        At neutral knobs λ = S (1 ± iΔt√A)."""
        _, angle, sqrt_s = self._angles(phase_scale)
        r = radius_scale * sqrt_s
        re, im = r * torch.cos(angle), r * torch.sin(angle)
        return torch.stack([torch.cat([re, re]), torch.cat([im, -im])], dim=-1)

    def _drive(self, u: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """g = Δt S (B u) [..., P]; the forcing is F = [g; Δt g]."""
        A, dt = self.oscillator_params()
        return (dt / (1.0 + dt * dt * A)) * linear(u, self.B)

    def _readout(self, u: torch.Tensor, x: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """Action [..., 3] from encoder features u [..., H] and the new state x [..., 2P]."""
        P = self.config["oscillators"]
        o = linear(x[..., P:], self.C) + self.D * u  # positions y only, as in the paper
        z = torch.cat([F.gelu(o), u], dim=-1)
        hidden = F.gelu(linear(z, self.head_hidden.weight, self.head_hidden.bias))
        return torch.tanh(linear(hidden, self.head_out.weight, self.head_out.bias))

    def step(self, obs: torch.Tensor, state: torch.Tensor, radius_scale: torch.Tensor, phase_scale: torch.Tensor):
        """One tick. obs [B, 14], state [B, 2P], knobs [1] ->
        (action [B, 3], state_out [B, 2P], hidden [B, 2P] (= state_out), eig [2P, 2])."""
        P = self.config["oscillators"]
        _, dt = self.oscillator_params()
        u = self._encode(obs)
        g = self._drive(u)
        m11, m12, m21 = self.transition(radius_scale, phase_scale)
        z, y = state[:, :P], state[:, P:]
        new_z = m11 * z + m12 * y + g
        new_y = m21 * z + m11 * y + dt * g
        state_out = torch.cat([new_z, new_y], dim=-1)
        action = self._readout(u, state_out)
        return action, state_out, state_out, self.eigenvalues(radius_scale, phase_scale)

    def forward_seq(self, obs: torch.Tensor, radius_scale=1.0, phase_scale=1.0, with_states: bool = False):
        """Whole sequences from the zero state. obs [B, T, 14] -> (actions [B, T, 3],
        hidden [B, T, 2P]) (+ states [B, T, 2P] if with_states; here hidden = states).

        hidden[:, t] / states[:, t] equal the `step` outputs at tick t (same layout)."""
        Bsz, T, _ = obs.shape
        P, L = self.config["oscillators"], self.config["chunk"]
        rho = torch.as_tensor(radius_scale, dtype=obs.dtype)
        phi = torch.as_tensor(phase_scale, dtype=obs.dtype)
        _, dt = self.oscillator_params()
        u = self._encode(obs, dense)  # [B, T, H]
        g = self._drive(u, dense)  # [B, T, P]

        n_chunks = -(-T // L)
        pad = n_chunks * L - T
        if pad:
            g = F.pad(g, (0, 0, 0, pad))
        g = g.reshape(Bsz, n_chunks, L, P)

        # Powers M^d for lags d = 0..L by repeated 2x2 products (the step path applies the same M).
        m11, m12, m21 = self.transition(rho, phi)
        powers = [(torch.ones_like(m11), torch.zeros_like(m11), torch.zeros_like(m11), torch.ones_like(m11))]
        for _ in range(L):
            q11, q12, q21, q22 = powers[-1]
            powers.append((m11 * q11 + m12 * q21, m11 * q12 + m12 * q22, m21 * q11 + m11 * q21, m21 * q12 + m11 * q22))
        p11, p12, p21, p22 = (torch.stack(p) for p in zip(*powers))  # each [L+1, P]

        # Response to F_k = [g_k; Δt g_k] after d ticks: z += (p11 + Δt p12) g, y += (p21 + Δt p22) g.
        t_idx = torch.arange(L)
        lag = t_idx[:, None] - t_idx[None, :]  # [L, L]
        causal = (lag >= 0).to(obs.dtype)
        lag = lag.clamp_min(0)
        Kz = ((p11 + dt * p12)[lag] * causal[..., None]).permute(2, 0, 1)  # [P, L, L]
        Ky = ((p21 + dt * p22)[lag] * causal[..., None]).permute(2, 0, 1)
        intra_z = torch.einsum("ptk,bckp->bctp", Kz, g)
        intra_y = torch.einsum("ptk,bckp->bctp", Ky, g)

        # Carry across chunk boundaries: x[c, t] = intra[c, t] + M^(t+1) h_{c-1}.
        c11, c12, c21, c22 = p11[1:], p12[1:], p21[1:], p22[1:]  # [L, P]
        hz = obs.new_zeros(Bsz, 1, P)
        hy = obs.new_zeros(Bsz, 1, P)
        chunks_z, chunks_y = [], []
        for iz, iy in zip(intra_z.unbind(1), intra_y.unbind(1)):
            xz = iz + c11 * hz + c12 * hy
            xy = iy + c21 * hz + c22 * hy
            chunks_z.append(xz)
            chunks_y.append(xy)
            hz, hy = xz[:, -1:], xy[:, -1:]
        states = torch.cat([torch.cat(chunks_z, dim=1)[:, :T], torch.cat(chunks_y, dim=1)[:, :T]], dim=-1)
        actions = self._readout(u, states, dense)
        return (actions, states, states) if with_states else (actions, states)


class StepExport(nn.Module):
    """The ONNX step graph: (obs [B,14], state [B,2P], radius_scale [1], phase_scale [1]) ->
    (action [B,3], state_out [B,2P], hidden [B,2P], eig [2P,2]); hidden repeats state_out."""

    input_names = ["obs", "state", "radius_scale", "phase_scale"]
    output_names = ["action", "state_out", "hidden", "eig"]

    def __init__(self, policy: LinOSSPolicy):
        super().__init__()
        self.policy = policy

    def forward(self, obs, state, radius_scale, phase_scale):
        action, state_out, hidden, eig = self.policy.step(obs, state, radius_scale, phase_scale)
        return action, state_out, torch.clone(hidden), eig


def export_onnx(model: LinOSSPolicy, path: str, card: dict | None = None) -> None:
    """Exports the step graph at opset 17 (B dynamic), embeds `card` under
    metadata_props["eigenplay_card"] when given, and runs onnx.checker."""
    model = model.eval()
    inputs = (torch.zeros(2, model.config["obs_dim"]), torch.zeros(2, model.state_dim), torch.ones(1), torch.ones(1))
    export_step(StepExport(model), inputs, StepExport.input_names, StepExport.output_names, path, card)
