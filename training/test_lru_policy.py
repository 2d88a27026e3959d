"""Checks of the LRU policy: step-vs-sequence parity, ring initialisation, SCIENCE.md §2.3 known
answers, eigenvalue-surgery knobs and the ONNX step export. Run: /usr/bin/python3 training/test_lru_policy.py"""

import math
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lru_policy import LRUPolicy, export_onnx, gamma_log_for_nu_log, nu_log_for_radius  # noqa: E402


def run_steps(model: LRUPolicy, obs: torch.Tensor, rho: float, phi: float):
    """obs [B, T, 14] through `step` from the zero state -> (actions [B, T, 3], states [B, T, 64])."""
    state = obs.new_zeros(obs.shape[0], model.state_dim)
    knobs = torch.tensor([rho]), torch.tensor([phi])
    actions, states = [], []
    for t in range(obs.shape[1]):
        a, state, _, _ = model.step(obs[:, t], state, *knobs)
        actions.append(a)
        states.append(state)
    return torch.stack(actions, 1), torch.stack(states, 1)


def test_step_matches_sequence():
    torch.manual_seed(0)
    model = LRUPolicy()
    model.set_obs_normalization(0.1 * torch.randn(14), 0.5 + torch.rand(14))
    obs = torch.randn(3, 203, 14)  # T not a multiple of the chunk length
    with torch.no_grad():
        for rho, phi in ((1.0, 1.0), (0.9, 2.0)):
            a_seq, x_seq = model.forward_seq(obs, rho, phi)
            a_step, x_step = run_steps(model, obs, rho, phi)
            da = (a_seq - a_step).abs().max().item()
            dx = (x_seq - x_step).abs().max().item()
            assert da < 1e-5 and dx < 1e-5, f"knobs {rho}/{phi}: action diff {da:.2e}, state diff {dx:.2e}"


def test_sequence_gradients_flow():
    torch.manual_seed(1)
    model = LRUPolicy()
    a, _ = model.forward_seq(torch.randn(2, 40, 14))
    a.pow(2).mean().backward()
    for name, p in model.named_parameters():
        assert p.grad is not None and torch.isfinite(p.grad).all(), f"no finite gradient for {name}"
        assert p.grad.abs().sum() > 0, f"zero gradient for {name}"


def test_ring_init():
    torch.manual_seed(2)
    model = LRUPolicy({"modes": 20000})
    radius = torch.exp(-torch.exp(model.nu_log.detach()))
    assert radius.min() >= 0.9 - 1e-6 and radius.max() <= 0.999 + 1e-6, (radius.min(), radius.max())
    median = radius.median().item()
    assert abs(median - 0.950789) < 2e-3, f"median radius {median}, expected 0.950789"
    phase = torch.exp(model.theta_log.detach())
    assert phase.min() >= 0 and phase.max() <= math.pi / 4 + 1e-6
    gamma = torch.exp(model.gamma_log.detach())
    assert torch.allclose(gamma, torch.sqrt(1 - radius.double() ** 2).float(), atol=1e-4)
    assert model.B_re.shape == (20000, 64) and model.C_re.shape == (64, 20000)


def test_known_answers():
    for r, nu_expected, gamma_expected in ((0.999, -6.9072551, 0.0447102), (0.9, -2.2503673, 0.4358899)):
        nu = nu_log_for_radius(torch.tensor(r, dtype=torch.float64)).item()
        assert abs(nu - nu_expected) < 1e-6, f"r={r}: nu_log {nu}, expected {nu_expected}"
        # γ in float32 from the tabulated ν_log (the expm1 form keeps it accurate near r = 1).
        gamma = torch.exp(gamma_log_for_nu_log(torch.tensor(nu_expected, dtype=torch.float32))).item()
        assert abs(gamma - gamma_expected) < 1e-6, f"r={r}: gamma {gamma}, expected {gamma_expected}"


def test_surgery_knobs():
    torch.manual_seed(3)
    model = LRUPolicy()
    with torch.no_grad():
        eig1 = model.eigenvalues()
        eig_r = model.eigenvalues(torch.tensor([0.8]), torch.tensor([1.0]))
        eig_p = model.eigenvalues(torch.tensor([1.0]), torch.tensor([2.0]))
        eig_0 = model.eigenvalues(torch.tensor([1.0]), torch.tensor([0.0]))
    assert eig1.shape == (32, 2)
    mag1, arg1 = eig1.norm(dim=1), torch.atan2(eig1[:, 1], eig1[:, 0])
    assert torch.allclose(eig_r.norm(dim=1), 0.8 * mag1, atol=1e-6), "radius_scale multiplies |λ|"
    assert torch.allclose(torch.atan2(eig_r[:, 1], eig_r[:, 0]), arg1, atol=1e-6), "radius_scale keeps arg λ"
    assert torch.allclose(eig_p.norm(dim=1), mag1, atol=1e-6), "phase_scale keeps |λ|"
    assert torch.allclose(torch.atan2(eig_p[:, 1], eig_p[:, 0]), 2 * arg1, atol=1e-5), "phase_scale multiplies arg λ"
    assert torch.allclose(eig_0[:, 1], torch.zeros(32), atol=1e-7), "phase_scale 0 makes λ real"


def test_onnx_export_interface():
    import onnx

    torch.manual_seed(4)
    model = LRUPolicy().eval()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "m.onnx")
        export_onnx(model, path)
        m = onnx.load(path)
        used = {i for node in m.graph.node for i in node.input}
        assert {"radius_scale", "phase_scale"} <= used, "the knobs must feed the graph, not be traced as constants"

    def dims(v):
        return [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]

    ins = {v.name: dims(v) for v in m.graph.input}
    outs = {v.name: dims(v) for v in m.graph.output}
    assert ins == {"obs": ["B", 14], "state": ["B", 64], "radius_scale": [1], "phase_scale": [1]}, ins
    assert outs == {"action": ["B", 3], "state_out": ["B", 64], "hidden": ["B", 64], "eig": [32, 2]}, outs


if __name__ == "__main__":
    torch.set_num_threads(2)
    tests = [(k, v) for k, v in list(globals().items()) if k.startswith("test_") and callable(v)]
    for name, fn in tests:
        fn()
        print(f"ok  {name}")
    print(f"{len(tests)} tests passed")
