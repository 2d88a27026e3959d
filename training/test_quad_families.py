"""Checks of the quadruped families (training/families.py QUAD_FAMILIES): built from their config
(47 obs, 8 CPG actions), small, step-vs-sequence parity, ONNX step exports under policy contract v1;
and that the arm families still build from their module defaults (their shipped models unchanged).
Run: /usr/bin/python3 training/test_quad_families.py"""

import os
import sys
import tempfile

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from families import FAMILIES, QUAD_FAMILIES, knob_values  # noqa: E402

MAX_PARAMS = 30_000


def build(fam):
    model = fam.cls(fam.config)
    model.set_obs_normalization(0.1 * torch.randn(47), 0.5 + torch.rand(47))
    return model.eval()


def test_quad_families_are_small_and_quad_sized():
    for name, fam in QUAD_FAMILIES.items():
        torch.manual_seed(1)
        model = build(fam)
        assert fam.robot == "quadruped" and fam.id == name
        assert model.obs_mean.shape == (47,), name
        assert model.param_count() <= MAX_PARAMS, (name, model.param_count())
        a, s, h, _ = model.step(torch.randn(3, 47), torch.zeros(3, model.state_dim), *knob_values(model))
        assert a.shape == (3, 8) and s.shape == (3, model.state_dim) and h.shape == (3, model.hidden_dim)
        assert a.abs().max() <= 1


@torch.no_grad()
def test_step_matches_sequence():
    for name, fam in QUAD_FAMILIES.items():
        torch.manual_seed(2)
        model = build(fam)
        obs = torch.randn(2, 37, 47)
        seq = model.forward_seq(obs)[0]
        state, knobs, worst = torch.zeros(2, model.state_dim), knob_values(model), 0.0
        for t in range(obs.shape[1]):
            a, state, _, _ = model.step(obs[:, t], state, *knobs)
            worst = max(worst, (a - seq[:, t]).abs().max().item())
        assert worst < 1e-5, (name, worst)


def test_mlp_state_is_a_placeholder():
    torch.manual_seed(3)
    model = build(QUAD_FAMILIES["quad-cpg-mlp"])
    state = torch.full((2, 1), 0.25)
    _, out, _, eig = model.step(torch.randn(2, 47), state)
    assert torch.equal(out, state) and eig is None


def test_onnx_exports():
    import onnx

    for name, fam in QUAD_FAMILIES.items():
        torch.manual_seed(4)
        model = build(fam)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.onnx")
            fam.module.export_onnx(model, path, {"id": name})
            m = onnx.load(path)
        inputs = [i.name for i in m.graph.input]
        outputs = [o.name for o in m.graph.output]
        assert inputs[:2] == ["obs", "state"], inputs
        assert outputs[:3] == ["action", "state_out", "hidden"], outputs
        assert ("eig" in outputs) == fam.parametric_eig, (name, outputs)


def test_arm_families_keep_module_defaults():
    """train.py builds an arm family as cls() (no config): the arm's models are unchanged."""
    for name, fam in FAMILIES.items():
        if name not in QUAD_FAMILIES:
            assert fam.config is None and fam.robot == "arm", name
            assert fam.cls().obs_mean.shape == (14,), name


if __name__ == "__main__":
    torch.set_num_threads(1)
    tests = [(k, v) for k, v in list(globals().items()) if k.startswith("test_") and callable(v)]
    for name, fn in tests:
        fn()
        print(f"ok  {name}")
    print(f"{len(tests)} tests passed")
