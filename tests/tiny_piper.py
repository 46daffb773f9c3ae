"""A tiny voice in Piper's format, built with the ``onnx`` package, for the piper tests.

Same inputs and output as a real Piper (VITS) model — ``input`` ids [1, N] int64,
``input_lengths`` [1] int64, ``scales`` [3] float32 (noise, length, noise_w), optionally
``sid`` [1] int64; ``output`` [1, 1, 1, samples] float32 — but instead of a network it sings:
``HOP * N * length_scale`` samples of a sine at ``200 * (1 + sid)`` Hz. So the tests can check
that the ids, the length scale and the speaker all reach the model, through the real
onnxruntime loading and inference code.
"""

from __future__ import annotations

import json
from pathlib import Path

HOP = 256
"""Samples per phoneme id at length scale 1 (a real Piper voice's hop length)."""
PHONEMES = "_^$ abcdefghijklmnopqrstuvwxyzɐɔɛəɗɲŋɜʃʊˈˌːʔ123456"


def build_voice(folder: Path, *, sample_rate: int = 16000, speakers: int = 1) -> Path:
    """Write ``tiny.onnx`` and ``tiny.onnx.json`` into ``folder``; returns the model path."""
    import onnx
    from onnx import TensorProto, helper

    def constant(name: str, value: float | int, kind: int) -> onnx.NodeProto:
        return helper.make_node(
            "Constant", [], [name], value=helper.make_tensor(name + "_v", kind, [], [value])
        )

    inputs = [
        helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
        helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
        helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
    ]
    if speakers > 1:
        inputs.append(helper.make_tensor_value_info("sid", TensorProto.INT64, [1]))
    nodes = [
        constant("one_i", 1, TensorProto.INT64),
        constant("hop", float(HOP), TensorProto.FLOAT),
        constant("zero_f", 0.0, TensorProto.FLOAT),
        constant("one_f", 1.0, TensorProto.FLOAT),
        constant("half", 0.5, TensorProto.FLOAT),
        # samples = floor(N * HOP * length_scale)
        helper.make_node("Shape", ["input"], ["shape"]),
        helper.make_node("Gather", ["shape", "one_i"], ["count"], axis=0),
        helper.make_node("Cast", ["count"], ["count_f"], to=TensorProto.FLOAT),
        helper.make_node("Gather", ["scales", "one_i"], ["length_scale"], axis=0),
        helper.make_node("Mul", ["count_f", "hop"], ["frames"]),
        helper.make_node("Mul", ["frames", "length_scale"], ["samples_raw"]),
        helper.make_node("Floor", ["samples_raw"], ["samples"]),
        helper.make_node("Range", ["zero_f", "samples", "one_f"], ["t"]),
    ]
    step = 2 * 3.141592653589793 * 200.0 / sample_rate
    nodes.append(constant("step", step, TensorProto.FLOAT))
    if speakers > 1:  # pitch rises with the speaker id: 200 Hz, 400 Hz, ...
        nodes += [
            helper.make_node("Cast", ["sid"], ["sid_f"], to=TensorProto.FLOAT),
            helper.make_node("Add", ["sid_f", "one_f"], ["factor_v"]),
            helper.make_node("Squeeze", ["factor_v"], ["factor"]),
            helper.make_node("Mul", ["step", "factor"], ["speaker_step"]),
            helper.make_node("Mul", ["t", "speaker_step"], ["phase"]),
        ]
    else:
        nodes.append(helper.make_node("Mul", ["t", "step"], ["phase"]))
    nodes += [
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Mul", ["wave", "half"], ["quiet"]),
        helper.make_node(
            "Constant",
            [],
            ["out_shape"],
            value=helper.make_tensor("out_shape_v", TensorProto.INT64, [4], [1, 1, 1, -1]),
        ),
        helper.make_node("Reshape", ["quiet", "out_shape"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-piper",
        inputs,
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 1, "samples"])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = folder / "tiny.onnx"
    onnx.save(model, str(path))
    config = {
        "audio": {"sample_rate": sample_rate},
        "espeak": {"voice": "vi"},
        "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
        "phoneme_id_map": {p: [i] for i, p in enumerate(PHONEMES)},
        "num_speakers": speakers,
        "speaker_id_map": {f"speaker{i}": i for i in range(speakers)} if speakers > 1 else {},
    }
    (folder / "tiny.onnx.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return path
