"""A tiny CTranslate2 translation model in the layout of a converted OPUS-MT model.

No model can be downloaded here, so the tests build one: ``model.bin`` (a one-layer
Transformer written by CTranslate2's own spec API), its vocabulary, and ``source.spm`` /
``target.spm`` trained by SentencePiece on a few sentences. The weights are chosen, not
random: every attention and feed-forward weight is zero and the decoder's position encodings
are one-hot, so at step ``t`` the decoder's state is the ``t``-th position vector and the
projection maps it to the ``t``-th token of :data:`ANSWER`, then to ``</s>``. Whatever it is
given, the model answers that sentence: the real loading, tokenizing, batching and
detokenizing code runs, and its result is known.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

ANSWER = "the people's committee met today"
"""What the tiny model translates every sentence into."""

_VIETNAMESE = [
    "Ủy ban nhân dân quận họp sáng nay.",
    "Người dân phường Bắc Từ Liêm đến họp đông đủ.",
    "Giá vàng hôm nay tăng mạnh trên thị trường.",
    "Bộ Giáo dục công bố điểm chuẩn đại học năm nay.",
    "Cơn bão số ba đổ bộ vào các tỉnh miền Trung.",
]
_ENGLISH = [
    "the people's committee met today",
    "people of the ward came to the meeting",
    "the price of gold rose sharply today",
    "the ministry announced the university scores",
    "the storm made landfall in the central provinces",
]
SPECIALS = ["<unk>", "<s>", "</s>", "<pad>"]


def _sentencepiece(lines: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 20),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def build_model(directory: Path, *, depth: int = 32) -> Path:
    """Write the tiny model into ``directory`` (created) and return it."""
    import ctranslate2
    import sentencepiece as spm
    from ctranslate2.specs import common_spec, model_spec, transformer_spec

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "source.spm").write_bytes(_sentencepiece(_VIETNAMESE, 60))
    (directory / "target.spm").write_bytes(_sentencepiece(_ENGLISH, 50))
    pieces: list[str] = []
    for name in ("source.spm", "target.spm"):
        processor = spm.SentencePieceProcessor(model_file=str(directory / name))
        pieces += [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocabulary = SPECIALS + sorted(set(pieces) - set(SPECIALS))
    index = {token: i for i, token in enumerate(vocabulary)}
    target = spm.SentencePieceProcessor(model_file=str(directory / "target.spm"))
    answer = [*target.encode(ANSWER, out_type=str), "</s>"]
    assert len(answer) < depth, "the answer needs one position per token"

    spec = transformer_spec.TransformerSpec.from_config(
        1, 2, activation=common_spec.Activation.SWISH
    )
    size = len(vocabulary)

    def neutral_norms(layer: object) -> None:
        # Every layer norm passes its input through: gamma one, beta zero.
        for value in vars(layer).values():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, model_spec.LayerSpec):
                    neutral_norms(item)
        if isinstance(layer, common_spec.LayerNormSpec):
            layer.gamma = np.ones(depth, np.float32)
            layer.beta = np.zeros(depth, np.float32)

    for embeddings in (*spec.encoder.embeddings, spec.decoder.embeddings):
        embeddings.weight = np.zeros((size, depth), np.float32)
    for attention in (spec.encoder.layer[0].self_attention, spec.decoder.layer[0].self_attention):
        attention.linear[0].weight = np.zeros((3 * depth, depth), np.float32)
        attention.linear[1].weight = np.zeros((depth, depth), np.float32)
    cross = spec.decoder.layer[0].attention
    cross.linear[0].weight = np.zeros((depth, depth), np.float32)
    cross.linear[1].weight = np.zeros((2 * depth, depth), np.float32)
    cross.linear[2].weight = np.zeros((depth, depth), np.float32)
    for layer in (spec.encoder.layer[0], spec.decoder.layer[0]):
        layer.ffn.linear_0.weight = np.zeros((2 * depth, depth), np.float32)
        layer.ffn.linear_1.weight = np.zeros((depth, 2 * depth), np.float32)
    neutral_norms(spec)
    # Position t is the one-hot vector e_t; the projection sends e_t to the t-th answer token.
    spec.decoder.position_encodings.encodings = np.eye(64, depth, dtype=np.float32)
    projection = np.zeros((size, depth), np.float32)
    for position, token in enumerate(answer):
        projection[index[token], position] = 10.0
    spec.decoder.projection.weight = projection
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    # As CTranslate2's Marian converter writes them: the caller appends </s> to the source,
    # and the decoder starts from </s> with a zero embedding.
    spec.config.add_source_eos = False
    spec.config.decoder_start_token = "</s>"
    spec.decoder.start_from_zero_embedding = True
    spec.validate()
    spec.optimize()
    spec.save(str(directory))
    ctranslate2.Translator(str(directory))  # fail here, not in the test, if it cannot load
    return directory
