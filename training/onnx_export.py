"""One ONNX export path for every policy family's step graph (policy contract v1)."""
import json

import torch


def export_step(module: torch.nn.Module, example_inputs: tuple, input_names: list, output_names: list,
                path: str, card: dict | None = None) -> None:
    """Exports `module` (a StepExport wrapper) at opset 17 with the batch axis B dynamic on
    obs/state/action/state_out/hidden, pins the other output dims with onnx's strict shape
    inference, embeds `card` under metadata_props["eigenplay_card"] when given, checks, saves."""
    import onnx

    batch = {0: "B"}
    torch.onnx.export(
        module,
        example_inputs,
        path,
        opset_version=17,
        input_names=input_names,
        output_names=output_names,
        dynamic_axes={k: batch for k in ("obs", "state", "action", "state_out", "hidden") if k in input_names + output_names},
    )
    m = onnx.shape_inference.infer_shapes(onnx.load(path), strict_mode=True)
    if card is not None:
        entry = m.metadata_props.add()
        entry.key = "eigenplay_card"
        entry.value = json.dumps(card, separators=(",", ":"))
    onnx.checker.check_model(m)
    onnx.save(m, path)
