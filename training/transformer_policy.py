"""Causal Transformer policy for the Eigenplay arm: a small pre-LayerNorm Transformer over a
sliding context of the last K = 16 control ticks. Same obs/action I/O and policy contract (v1) as
LRUPolicy, but no eigenvalues.

Per control tick (60 Hz), with d = 32, 2 layers, 4 heads, MLP width 64:

    e_t    = W_e (obs_t - μ) / σ + b_e                          obs [B, 14] -> e [B, d] (no activation)
    window = [e_{t-K+1}, ..., e_t]                              roll + append; zeros before the start
    x^0_j  = window_j + pos_j                                   learned positional embeddings pos [K, d]
    x^l    = x^{l-1} + Attn(LN(x^{l-1})),  x^l += MLP(LN(x^l))  causal inside the window, invalid
                                                                 (pre-start) slots masked as keys
    hidden = x^L at the current (last) slot                     [B, d]
    a_t    = tanh(W_2 GELU(W_1 LN_f(hidden) + b_1) + b_2)       a [B, 3], normalised targets

μ, σ are fixed per-input statistics of the training data (set_obs_normalization), as in LRUPolicy.
Every tick recomputes all layers over the window (no KV cache); that is what makes the model a
pure function of (window, counter), so the state is just the window. In the last layer only the
current slot is computed as a query. With 2+ layers a past token's layer-1 output therefore sees
only what is still in the window, in `step` and `forward_seq` alike.

State (state_dim = K·d + 1 = 513), zeros at reset:
    [window as K×d, slot-major, oldest first (slot K-1 = the current tick's embedding) | count]
count = min(ticks since reset, K), a float; slot j is valid iff j ≥ K - count. Invalid slots hold
zeros and are masked out of attention (additive -1e9 on their keys).

Contract I/O (`StepExport`, `export_onnx`):
    inputs  obs [B, 14], state [B, 513]
    outputs action [B, 3], state_out [B, 513], hidden [B, 32]
There is NO `eig` output: attention has no fixed or per-step linear transition whose eigenvalues
would mean anything, and an empty [0, 2] output breaks the shape rules, so the output is omitted
(policy contract v1 marks `eig` optional; the sim and panel handle its absence). Give the card
`eigenvalues: []`. No knobs. `step` returns (action, state_out, hidden, None) for a uniform
signature with the other families; StepExport drops the None.

Two equivalent forward paths:
  * `step`: one tick from a given state (exported to ONNX);
  * `forward_seq`: whole sequences from the zero state (training): the windows of every tick are
    built at once (K-1 zeros of left padding, unfold) and run through the same `_attend` as one
    batch of B·T windows.
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
    "d_model": 32,  # d
    "context": 16,  # K, ticks in the window (current one included)
    "layers": 2,
    "heads": 4,
    "mlp": 64,  # width of each block's MLP
    "head": 64,  # width of the action head
}

KNOBS: list = []
MASKED = -1e9  # additive score for masked keys (finite: no NaN in all-masked rows)


class Block(nn.Module):
    """Pre-LN Transformer block: x + Attn(LN(x)), then + MLP(LN(·))."""

    def __init__(self, d: int, heads: int, mlp: int, context: int):
        super().__init__()
        self.d, self.heads, self.context = d, heads, context
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, mlp)
        self.fc2 = nn.Linear(mlp, d)

    def forward(self, x: torch.Tensor, bias: torch.Tensor, last_only: bool, linear=F.linear) -> torch.Tensor:
        """x [N, K, d]; bias additive scores broadcastable to [N, heads, Kq, K]; last_only: only
        the last slot as query, returns [N, 1, d], else [N, K, d]. `linear`: F.linear or dense."""
        # Python-int shapes (batch as -1) keep the exported graph free of Shape ops.
        d, nh, K = self.d, self.heads, self.context
        hd = d // nh
        q, k, v = linear(self.ln1(x), self.qkv.weight, self.qkv.bias).split(d, dim=-1)
        if last_only:
            q, x = q[:, -1:], x[:, -1:]
        Kq = 1 if last_only else K
        q = q.reshape(-1, Kq, nh, hd).transpose(1, 2)  # [N, nh, Kq, hd]
        k = k.reshape(-1, K, nh, hd).transpose(1, 2)
        v = v.reshape(-1, K, nh, hd).transpose(1, 2)
        att = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(hd) + bias, dim=-1)
        o = torch.matmul(att, v).transpose(1, 2).reshape(-1, Kq, d)
        x = x + linear(o, self.proj.weight, self.proj.bias)
        h = F.gelu(linear(self.ln2(x), self.fc1.weight, self.fc1.bias))
        return x + linear(h, self.fc2.weight, self.fc2.bias)


class TransformerPolicy(PolicyBase):
    """Observation [B, 14] -> normalised action [B, 3] in [-1, 1], through a K-tick context window."""

    family = "transformer"
    variant = "causal-window"
    knobs = KNOBS

    def __init__(self, config: dict | None = None):
        super().__init__()
        self.config = {**DEFAULT_CONFIG, **(config or {})}
        c = self.config
        d, K = c["d_model"], c["context"]
        assert d % c["heads"] == 0, "d_model must be a multiple of heads"
        self.state_dim = K * d + 1
        self.hidden_dim = d

        self._init_standardization(c["obs_dim"])
        self.embed = nn.Linear(c["obs_dim"], d)
        self.pos = nn.Parameter(0.02 * torch.randn(K, d))
        self.blocks = nn.ModuleList([Block(d, c["heads"], c["mlp"], K) for _ in range(c["layers"])])
        self.ln_f = nn.LayerNorm(d)
        self.head_hidden = nn.Linear(d, c["head"])
        self.head_out = nn.Linear(c["head"], c["act_dim"])
        self.register_buffer("slots", torch.arange(K, dtype=torch.float32), persistent=False)
        causal = torch.ones(K, K).tril()
        self.register_buffer("causal_bias", (1 - causal) * MASKED, persistent=False)

    # ----------------------------------------------------------------------------------------
    def _embed(self, obs: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """Token embeddings e [..., d] from obs [..., 14]."""
        return linear(self.standardize(obs), self.embed.weight, self.embed.bias)

    def _attend(self, window: torch.Tensor, count: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """window [N, K, d] (oldest first), count [N] valid slots (the last `count`) ->
        the last layer's current-token vector [N, d]."""
        K = self.config["context"]
        valid = self.slots[None, :] >= (K - count)[:, None]  # [N, K]
        key_bias = torch.where(valid, 0.0, MASKED)[:, None, None, :].to(window.dtype)  # [N, 1, 1, K]
        x = window + self.pos
        n = len(self.blocks)
        for i, blk in enumerate(self.blocks):
            last = i == n - 1
            bias = key_bias if last else key_bias + self.causal_bias.to(window.dtype)
            x = blk(x, bias, last_only=last, linear=linear)
        return x[:, -1]

    def _head(self, hidden: torch.Tensor, linear=F.linear) -> torch.Tensor:
        h = F.gelu(linear(self.ln_f(hidden), self.head_hidden.weight, self.head_hidden.bias))
        return torch.tanh(linear(h, self.head_out.weight, self.head_out.bias))

    def step(self, obs: torch.Tensor, state: torch.Tensor):
        """One tick. obs [B, 14], state [B, K·d + 1] ->
        (action [B, 3], state_out [B, K·d + 1], hidden [B, d], None)."""
        K, d = self.config["context"], self.config["d_model"]
        e = self._embed(obs)
        window = state[:, : K * d].reshape(-1, K, d)
        window = torch.cat([window[:, 1:], e[:, None, :]], dim=1)
        count = torch.clamp(state[:, K * d] + 1.0, max=float(K))
        hidden = self._attend(window, count)
        action = self._head(hidden)
        state_out = torch.cat([window.reshape(-1, K * d), count[:, None]], dim=-1)
        return action, state_out, hidden, None

    def forward_seq(self, obs: torch.Tensor, with_states: bool = False):
        """Whole sequences from the zero state. obs [B, T, 14] -> (actions [B, T, 3],
        hidden [B, T, d]) (+ states [B, T, K·d + 1] if with_states).

        Each tick t sees the window of e_{t-K+1..t} with zeros (masked) before the start, exactly
        as `step` does; hidden[:, t] and states[:, t] equal the `step` outputs at tick t."""
        Bsz, T, _ = obs.shape
        K, d = self.config["context"], self.config["d_model"]
        e = self._embed(obs, dense)  # [B, T, d]
        idx = torch.arange(T)[:, None] + torch.arange(K)[None, :]  # [T, K] into the padded sequence
        windows = F.pad(e, (0, 0, K - 1, 0))[:, idx]  # [B, T, K, d]; one gather (unfold's backward is slow)
        count = torch.clamp(torch.arange(1, T + 1, dtype=obs.dtype), max=float(K))  # [T]
        count = count.expand(Bsz, T)
        hidden = self._attend(windows.reshape(Bsz * T, K, d), count.reshape(Bsz * T), dense).reshape(Bsz, T, d)
        actions = self._head(hidden, dense)
        if not with_states:
            return actions, hidden
        states = torch.cat([windows.reshape(Bsz, T, K * d), count[..., None]], dim=-1)
        return actions, hidden, states


class StepExport(nn.Module):
    """The ONNX step graph: (obs [B,14], state [B,K·d+1]) -> (action [B,3], state_out [B,K·d+1],
    hidden [B,d]). No `eig` output (see the module docstring)."""

    input_names = ["obs", "state"]
    output_names = ["action", "state_out", "hidden"]

    def __init__(self, policy: TransformerPolicy):
        super().__init__()
        self.policy = policy

    def forward(self, obs, state):
        action, state_out, hidden, _ = self.policy.step(obs, state)
        return action, state_out, hidden


def export_onnx(model: TransformerPolicy, path: str, card: dict | None = None) -> None:
    """Exports the step graph at opset 17 (B dynamic), embeds `card` under
    metadata_props["eigenplay_card"] when given, and runs onnx.checker."""
    model = model.eval()
    inputs = (torch.zeros(2, model.config["obs_dim"]), torch.zeros(2, model.state_dim))
    export_step(StepExport(model), inputs, StepExport.input_names, StepExport.output_names, path, card)
