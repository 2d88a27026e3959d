"""Checks of the LinOSS, selective (Mamba-style) and Transformer policies: step-vs-sequence parity,
SCIENCE.md §4 / §6 known answers, knobs, context window and the ONNX step exports under policy
contract v1. Run: /usr/bin/python3 training/test_families.py"""

import math
import os
import sys
import tempfile

# Idle OpenMP threads sleep instead of spinning (as in train.py): on the shared 2-core machine the
# many tiny ops of the step loops are otherwise ~10x slower. Must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linoss_policy  # noqa: E402
import selective_policy  # noqa: E402
import transformer_policy  # noqa: E402
from linoss_policy import LinOSSPolicy, im_eigenvalues, im_transition  # noqa: E402
from selective_policy import SelectivePolicy, discretize, inverse_softplus  # noqa: E402
from transformer_policy import TransformerPolicy  # noqa: E402

MAX_PARAMS = 30_000


def normalised(model):
    model.set_obs_normalization(0.1 * torch.randn(14), 0.5 + torch.rand(14))
    return model


def run_steps(model, obs: torch.Tensor, *knobs):
    """obs [B, T, 14] through `step` from the zero state ->
    (actions [B, T, 3], hidden [B, T, hidden_dim], states [B, T, state_dim], last eig)."""
    state = obs.new_zeros(obs.shape[0], model.state_dim)
    actions, hiddens, states = [], [], []
    eig = None
    for t in range(obs.shape[1]):
        a, state, h, eig = model.step(obs[:, t], state, *knobs)
        actions.append(a)
        hiddens.append(h)
        states.append(state)
    return torch.stack(actions, 1), torch.stack(hiddens, 1), torch.stack(states, 1), eig


def max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    return (a - b).abs().max().item()


def check_gradients(model, obs: torch.Tensor) -> None:
    a, _ = model.forward_seq(obs)
    a.pow(2).mean().backward()
    for name, p in model.named_parameters():
        assert p.grad is not None and torch.isfinite(p.grad).all(), f"no finite gradient for {name}"
        assert p.grad.abs().sum() > 0, f"zero gradient for {name}"


def dims(v):
    return [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]


def export_and_check(module, model, expect_in: dict, expect_out: dict) -> None:
    """export_onnx into a temp dir, onnx.checker, exact input/output names (in order) and shapes,
    card embedding."""
    import onnx

    card = {"contract": "eigenplay-policy/v1", "id": "test"}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "m.onnx")
        module.export_onnx(model, path, card=card)
        m = onnx.load(path)
        onnx.checker.check_model(m)
    assert [v.name for v in m.graph.input] == list(expect_in), [v.name for v in m.graph.input]
    assert [v.name for v in m.graph.output] == list(expect_out), [v.name for v in m.graph.output]
    ins = {v.name: dims(v) for v in m.graph.input}
    outs = {v.name: dims(v) for v in m.graph.output}
    assert ins == expect_in, ins
    assert outs == expect_out, outs
    for v in list(m.graph.input) + list(m.graph.output):
        assert v.type.tensor_type.elem_type == onnx.TensorProto.FLOAT, f"{v.name} is not float32"
    meta = {p.key: p.value for p in m.metadata_props}
    assert '"eigenplay-policy/v1"' in meta.get("eigenplay_card", ""), "card not embedded"


# ---------------------------------------------------------------------------------------------
# LinOSS (SCIENCE.md §4)


def set_oscillators(model: LinOSSPolicy, A: list, dt: list) -> None:
    """Puts A = ReLU(Â) and Δt = sigmoid(ŝ) at the given values for the first len(A) modes."""
    with torch.no_grad():
        n = len(A)
        model.A_hat[:n] = torch.tensor(A, dtype=model.A_hat.dtype)
        dt_t = torch.tensor(dt, dtype=model.dt_hat.dtype)
        model.dt_hat[:n] = torch.log(dt_t / (1 - dt_t))


def test_linoss_step_matches_sequence():
    torch.manual_seed(10)
    model = normalised(LinOSSPolicy())
    obs = torch.randn(3, 203, 14)  # T not a multiple of the chunk length
    with torch.no_grad():
        for rho, phi in ((1.0, 1.0), (0.9, 1.7), (1.0, 0.0)):
            a_seq, h_seq, x_seq = model.forward_seq(obs, rho, phi, with_states=True)
            a_step, h_step, x_step, _ = run_steps(model, obs, torch.tensor([rho]), torch.tensor([phi]))
            da = max_diff(a_seq, a_step)
            # Near-undamped oscillators integrate their input, so the states reach O(10-100):
            # compare them relative to their scale (float32 accumulates over 203 ticks either way).
            dx = max_diff(x_seq, x_step) / x_step.abs().max().item()
            assert da < 1e-5 and dx < 1e-5, f"knobs ({rho}, {phi}): action diff {da:.2e}, relative state diff {dx:.2e}"
            assert torch.equal(h_step, x_step) and torch.equal(h_seq, x_seq), "hidden must repeat the state"
    # float64: the two paths agree to rounding.
    model = model.double()
    with torch.no_grad():
        _, _, x_seq = model.forward_seq(obs.double(), 0.95, 1.3, with_states=True)
        knobs = torch.tensor([0.95], dtype=torch.float64), torch.tensor([1.3], dtype=torch.float64)
        _, _, x_step, _ = run_steps(model, obs.double(), *knobs)
    assert max_diff(x_seq, x_step) < 1e-9, max_diff(x_seq, x_step)


def test_linoss_known_answers():
    d = torch.float64
    lam = im_eigenvalues(torch.tensor(1.0, dtype=d), torch.tensor(1.0, dtype=d))
    assert torch.allclose(lam, torch.tensor([[0.5, 0.5], [0.5, -0.5]], dtype=d), atol=1e-12), lam
    assert abs(lam[0].norm().item() - 1 / math.sqrt(2)) < 1e-12
    lam = im_eigenvalues(torch.tensor(100.0, dtype=d), torch.tensor(0.3, dtype=d))
    assert torch.allclose(lam, torch.tensor([[0.1, 0.3], [0.1, -0.3]], dtype=d), atol=1e-12), lam
    assert abs(lam[0].norm().item() - 0.3162278) < 1e-7
    lam = im_eigenvalues(torch.tensor(1.0, dtype=d), torch.tensor(0.1, dtype=d))
    assert torch.allclose(lam[0], torch.tensor([0.990099, 0.099010], dtype=d), atol=1e-6), lam
    # The closed form is the spectrum of M_IM.
    A, dt = torch.tensor([1.0, 100.0, 1.0, 0.37], dtype=d), torch.tensor([1.0, 0.3, 0.1, 0.62], dtype=d)
    M, _ = im_transition(A, dt)
    ev = torch.linalg.eigvals(M)
    ev = ev[torch.arange(4), ev.imag.argmax(-1)]
    assert torch.allclose(torch.stack([ev.real, ev.imag], -1), im_eigenvalues(A, dt)[:, 0], atol=1e-12)

    # Through the model (float32), at neutral knobs: eig = S(1 ± iΔt√A), +Im first then conjugates.
    torch.manual_seed(11)
    model = LinOSSPolicy({"oscillators": 4})
    set_oscillators(model, [100.0, 1.0, 0.25, 0.0], [0.3, 0.1, 0.5, 0.6])
    with torch.no_grad():
        eig = model.eigenvalues(torch.ones(1), torch.ones(1))
    assert eig.shape == (8, 2)
    expect = [[0.1, 0.3], [0.990099, 0.099010], [1 / 1.0625, 0.5 * 0.5 / 1.0625], [1.0, 0.0]]
    expect = torch.tensor(expect + [[re, -im] for re, im in expect])
    assert torch.allclose(eig, expect, atol=1e-6), eig
    assert abs(eig[0].norm().item() - 0.3162278) < 1e-6


def test_linoss_im_matches_implicit_solve():
    """x_n = M_IM x_{n-1} + F_n equals solving z_n = z_{n-1} + Δt(-A y_n + Bu), y_n = y_{n-1} + Δt z_n."""
    d = torch.float64
    torch.manual_seed(12)
    A = torch.tensor([0.0, 1e-4, 0.3, 1.0, 7.0, 100.0], dtype=d)
    dt = torch.tensor([0.6, 0.5, 0.9, 1.0, 0.2, 0.3], dtype=d)
    x, bu = torch.randn(6, 2, dtype=d), torch.randn(6, dtype=d)

    def implicit_solve(A, dt, z0, y0, bu):
        one = torch.ones_like(A)
        lhs = torch.stack([torch.stack([one, dt * A], -1), torch.stack([-dt, one], -1)], -2)
        rhs = torch.stack([z0 + dt * bu, y0], -1)
        return torch.linalg.solve(lhs, rhs)  # [..., 2] = (z_n, y_n)

    direct = implicit_solve(A, dt, x[:, 0], x[:, 1], bu)
    M, f = im_transition(A, dt)
    via_m = (M @ x[..., None])[..., 0] + f * bu[:, None]
    assert max_diff(via_m, direct) < 1e-12, max_diff(via_m, direct)

    # The model's step (float64) at neutral knobs is the same map.
    model = LinOSSPolicy({"oscillators": 6}).double()
    set_oscillators(model, A.tolist(), dt.tolist())
    obs, state = torch.randn(1, 14, dtype=d), torch.randn(1, 12, dtype=d)
    one = torch.ones(1, dtype=d)
    with torch.no_grad():
        _, state_out, _, _ = model.step(obs, state, one, one)
        bu_model = F.linear(model._encode(obs), model.B)[0]
    direct = implicit_solve(A, dt, state[0, :6], state[0, 6:], bu_model)
    got = torch.stack([state_out[0, :6], state_out[0, 6:]], -1)
    err = (got - direct).abs().max(-1).values
    # √A is floored at √1e-8 inside the rotation only: A = 0 and A = 1e-4 (≥ the floor) stay exact
    # up to ~1e-8·Δt·|y| and rounding respectively.
    assert err[0] < 1e-7 and err[1:].max() < 1e-12, err


def test_linoss_knobs_act_on_recurrence():
    torch.manual_seed(13)
    model = normalised(LinOSSPolicy())
    one = torch.ones(1)
    rho, phi = torch.tensor([0.8]), torch.tensor([1.6])
    with torch.no_grad():
        e1, ek = model.eigenvalues(one, one), model.eigenvalues(rho, phi)
        # |λ| scales by ρ, arg λ by φ.
        assert torch.allclose(ek.norm(dim=1), 0.8 * e1.norm(dim=1), atol=1e-6)
        assert torch.allclose(torch.atan2(ek[:, 1], ek[:, 0]), 1.6 * torch.atan2(e1[:, 1], e1[:, 0]), atol=1e-5)
        assert model.eigenvalues(one, torch.zeros(1))[:, 1].abs().max() == 0, "phase_scale 0: real λ"
        # eig is the spectrum of the transition the step actually applies.
        m11, m12, m21 = model.transition(rho, phi)
        M = torch.stack([torch.stack([m11, m12], -1), torch.stack([m21, m11], -1)], -2).double()
        ev = torch.linalg.eigvals(M)
        ev = ev[torch.arange(32), ev.imag.argmax(-1)]
        assert torch.allclose(torch.stack([ev.real, ev.imag], -1).float(), ek[:32], atol=1e-5)
        # The knobs scale the homogeneous part of the recurrence (and nothing else): the forcing
        # F does not depend on them, and M(ρ, 1) = ρ M_IM.
        obs, x = torch.randn(4, 14), torch.randn(4, 64)
        zero = torch.zeros(4, 64)
        _, f_rho, _, _ = model.step(obs, zero, rho, phi)
        _, f_one, _, _ = model.step(obs, zero, one, one)
        assert torch.allclose(f_rho, f_one, atol=1e-7)
        _, x_rho, _, _ = model.step(obs, x, rho, one)
        _, x_one, _, _ = model.step(obs, x, one, one)
        assert torch.allclose(x_rho - f_rho, 0.8 * (x_one - f_one), atol=1e-6)
        # Neutral knobs give the IM matrix itself.
        A, dt = model.oscillator_params()
        M_im, _ = im_transition(A, dt)
        n11, n12, n21 = model.transition(one, one)
        got = torch.stack([torch.stack([n11, n12], -1), torch.stack([n21, n11], -1)], -2)
        assert max_diff(got, M_im) < 1e-6, max_diff(got, M_im)


def test_linoss_init_and_gradients():
    torch.manual_seed(14)
    model = LinOSSPolicy()
    assert model.param_count() < MAX_PARAMS, model.param_count()
    A, dt = model.oscillator_params()
    assert A.min() >= 0 and A.max() <= 1 and dt.min() >= 0.5 and dt.max() <= 0.7311, (A, dt)
    assert model.B.abs().max() <= 1 / 8 and model.C.abs().max() <= 1 / math.sqrt(32)
    check_gradients(model, torch.randn(2, 40, 14))


def test_linoss_onnx_export():
    torch.manual_seed(15)
    model = normalised(LinOSSPolicy())
    export_and_check(
        linoss_policy,
        model,
        {"obs": ["B", 14], "state": ["B", 64], "radius_scale": [1], "phase_scale": [1]},
        {"action": ["B", 3], "state_out": ["B", 64], "hidden": ["B", 64], "eig": [64, 2]},
    )


# ---------------------------------------------------------------------------------------------
# Selective SSM (SCIENCE.md §6)


def test_selective_step_matches_sequence():
    obs = torch.randn(3, 203, 14)
    for seed, cfg in ((20, {}), (21, {"d_conv": 1, "d_state": 4})):
        torch.manual_seed(seed)
        model = normalised(SelectivePolicy(cfg))
        with torch.no_grad():
            a_seq, h_seq, x_seq = model.forward_seq(obs, with_states=True)
            a_step, h_step, x_step, eig = run_steps(model, obs)
        da, dh, dx = max_diff(a_seq, a_step), max_diff(h_seq, h_step), max_diff(x_seq, x_step)
        assert max(da, dh, dx) < 1e-5, f"{cfg}: action {da:.2e}, hidden {dh:.2e}, state {dx:.2e}"
        assert x_step.shape[-1] == model.state_dim and eig.shape == (model.n_eig, 2)
    # The conv buffer part of the state is the last K-1 pre-conv inputs, oldest first.
    torch.manual_seed(22)
    model = normalised(SelectivePolicy())
    Di, N = model.channels, model.config["d_state"]
    with torch.no_grad():
        _, _, states, _ = run_steps(model, obs[:, :5])
        x_pre = F.linear(model._encode(obs[:, :5]), model.in_proj.weight)[..., :Di]  # [B, 5, D]
    buf = states[:, -1, Di * N :].reshape(3, Di, 3)
    assert torch.allclose(buf, x_pre[:, 2:5].transpose(1, 2), atol=1e-6)


def test_selective_known_answers():
    d = torch.float64
    # Inverse softplus of the Δ bias (SCIENCE.md §6.2).
    b = inverse_softplus(torch.tensor(0.01, dtype=d)).item()
    assert abs(b - (-4.6001660)) < 1e-7, b
    assert abs(inverse_softplus(torch.tensor(0.01)).item() - (-4.6001660)) < 2e-6
    x = torch.tensor([1e-4, 1e-3, 0.01, 0.1, 3.0], dtype=d)
    assert torch.allclose(F.softplus(inverse_softplus(x)), x, rtol=1e-12)
    # Gate identity: N = 1, A = -1, Δ = softplus(0.3): Ā = 1 - σ(0.3), ZOH B̄ = σ(0.3).
    dA, dB = discretize(F.softplus(torch.tensor(0.3, dtype=d)), torch.tensor(-1.0, dtype=d))
    gate = torch.sigmoid(torch.tensor(0.3, dtype=d)).item()
    assert abs(dA.item() - 0.4255575) < 1e-7 and abs(dA.item() - (1 - gate)) < 1e-12, dA
    assert abs(dB.item() - gate) < 1e-12, dB
    # S4D-Real range at init (SCIENCE.md §6.3 table).
    for delta, e1, e16 in ((0.001, 0.9990005, 0.9841273), (0.01, 0.9900498, 0.8521438), (0.1, 0.9048374, 0.2018965)):
        dA, _ = discretize(torch.tensor(delta, dtype=d), -torch.tensor([1.0, 16.0], dtype=d))
        assert torch.allclose(dA, torch.tensor([e1, e16], dtype=d), atol=1e-7), (delta, dA)
    # The same gate through the model: N = 1, A_log = 0, Δ pre-activation forced to 0.3.
    torch.manual_seed(23)
    model = normalised(SelectivePolicy({"d_state": 1}))
    with torch.no_grad():
        model.A_log.zero_()
        model.dt_proj.weight.zero_()
        model.dt_proj.bias.fill_(0.3)
        _, _, _, eig = model.step(torch.randn(2, 14), torch.zeros(2, model.state_dim))
    assert eig.shape == (64, 2)
    assert (eig[:, 0] - 0.4255575).abs().max() < 1e-6 and eig[:, 1].abs().max() == 0, eig[:3]


def test_selective_init_and_eig():
    torch.manual_seed(24)
    model = normalised(SelectivePolicy())
    assert model.param_count() < MAX_PARAMS, model.param_count()
    assert torch.allclose(model.A(), -torch.arange(1.0, 17.0).expand(64, 16), rtol=1e-6), "S4D-Real A = -(1..N)"
    dt = F.softplus(model.dt_proj.bias.detach())
    assert dt.min() >= 1e-3 * (1 - 1e-5) and dt.max() <= 0.1 * (1 + 1e-5), (dt.min(), dt.max())
    assert torch.equal(model.D.detach(), torch.ones(64))
    assert model.rank == 2 and model.dt_proj.weight.abs().max() <= 2**-0.5
    # eig is this step's exp(Δ_t A) of batch row 0: input-dependent, real, in (0, 1).
    obs = torch.randn(2, 2, 14)
    with torch.no_grad():
        a0, s0, _, eig0 = model.step(obs[:, 0], torch.zeros(2, model.state_dim))
        _, _, _, eig1 = model.step(obs[:, 1], s0)
        # First tick from the zero state: the conv sees only x_t, through its last tap.
        x_t = F.linear(model._encode(obs[:1, 0]), model.in_proj.weight)[:, :64]
        xc = F.silu(model.conv.weight[:, 0, -1] * x_t + model.conv.bias)
        delta, _, _ = model._selection(xc)
    assert eig0[:, 1].abs().max() == 0 and eig0[:, 0].min() > 0 and eig0[:, 0].max() < 1
    assert torch.allclose(eig0[:, 0], torch.exp(delta[0, :, None] * model.A()).reshape(-1), atol=1e-6)
    assert not torch.allclose(eig0, eig1), "per-step eigenvalues must follow the input"
    check_gradients(SelectivePolicy(), torch.randn(2, 40, 14))


def test_selective_onnx_export():
    torch.manual_seed(25)
    model = normalised(SelectivePolicy())
    export_and_check(
        selective_policy,
        model,
        {"obs": ["B", 14], "state": ["B", 1216]},
        {"action": ["B", 3], "state_out": ["B", 1216], "hidden": ["B", 64], "eig": [1024, 2]},
    )


# ---------------------------------------------------------------------------------------------
# Causal Transformer over a K-tick window


def test_transformer_step_matches_sequence():
    obs = torch.randn(3, 203, 14)
    for seed, cfg in ((30, {}), (31, {"layers": 1, "heads": 2})):
        torch.manual_seed(seed)
        model = normalised(TransformerPolicy(cfg))
        with torch.no_grad():
            a_seq, h_seq, x_seq = model.forward_seq(obs, with_states=True)
            a_step, h_step, x_step, eig = run_steps(model, obs)
        assert eig is None
        da, dh, dx = max_diff(a_seq, a_step), max_diff(h_seq, h_step), max_diff(x_seq, x_step)
        assert max(da, dh, dx) < 1e-5, f"{cfg}: action {da:.2e}, hidden {dh:.2e}, state {dx:.2e}"
        # The zero-padded start is included: the counter runs 1..K and then stays at K.
        K = model.config["context"]
        assert torch.equal(x_step[0, :, -1], torch.arange(1, 204).clamp(max=K).float())


def test_transformer_window_and_mask():
    torch.manual_seed(32)
    model = normalised(TransformerPolicy())
    K, d = 16, 32
    assert model.param_count() < MAX_PARAMS, model.param_count()
    assert model.state_dim == K * d + 1 and model.hidden_dim == d
    obs = torch.randn(2, 40, 14)
    with torch.no_grad():
        a, _, states, _ = run_steps(model, obs)
        # Roll + append: after tick t the last slot is e_t and the one before it e_{t-1}.
        e = model._embed(obs)
        assert torch.allclose(states[:, 30, (K - 1) * d : K * d], e[:, 30], atol=1e-6)
        assert torch.allclose(states[:, 30, (K - 2) * d : (K - 1) * d], e[:, 29], atol=1e-6)
        # Finite context: changing tick 0 changes actions up to tick K-1 and none from tick K on.
        obs2 = obs.clone()
        obs2[:, 0] += 3.0
        a2, _, _, _ = run_steps(model, obs2)
        assert (a2[:, :K] - a[:, :K]).abs().max() > 1e-4
        assert torch.equal(a2[:, K:], a[:, K:])
        # Invalid (pre-start) slots are masked: garbage there does not change anything.
        state = states[:, 4].clone()  # count 5: slots 0..10 invalid
        junk = state.clone()
        junk[:, : (K - 5) * d] = 100 * torch.randn(2, (K - 5) * d)
        out = model.step(obs[:, 5], state)
        out_junk = model.step(obs[:, 5], junk)
        assert torch.allclose(out[0], out_junk[0], atol=1e-6) and torch.allclose(out[2], out_junk[2], atol=1e-6)
    check_gradients(TransformerPolicy(), torch.randn(2, 40, 14))


def test_transformer_onnx_export():
    torch.manual_seed(33)
    model = normalised(TransformerPolicy())
    export_and_check(
        transformer_policy,
        model,
        {"obs": ["B", 14], "state": ["B", 513]},
        {"action": ["B", 3], "state_out": ["B", 513], "hidden": ["B", 32]},  # no eig: omitted
    )


def test_family_attributes():
    """What a generic train.py needs from every family: state/hidden dims, knobs, card hints."""
    for cls, knobs in ((LinOSSPolicy, ["radius_scale", "phase_scale"]), (SelectivePolicy, []), (TransformerPolicy, [])):
        torch.manual_seed(40)
        model = cls()
        assert [k["name"] for k in model.knobs] == knobs, cls.__name__
        for k in model.knobs:
            assert k["min"] <= k["default"] == 1 <= k["max"], k
        assert model.family in ("ssm", "transformer", "oscillator", "rnn", "expert")
        assert model.obs_mean.shape == (14,) and model.obs_std.shape == (14,)
        assert model.param_count() < MAX_PARAMS


if __name__ == "__main__":
    torch.set_num_threads(2)
    tests = [(k, v) for k, v in list(globals().items()) if k.startswith("test_") and callable(v)]
    for name, fn in tests:
        fn()
        print(f"ok  {name}")
    print(f"{len(tests)} tests passed")
