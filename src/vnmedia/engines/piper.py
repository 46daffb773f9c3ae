"""Local neural voices in Piper's format, run with onnxruntime (offline).

A Piper voice is two files: ``NAME.onnx`` (a VITS model) and ``NAME.onnx.json`` (its sample
rate, espeak-ng voice, phoneme → id map, speakers and default scales). Text becomes IPA
phonemes through the libespeak-ng vnmedia already embeds, phonemes become ids the way Piper
does it (``^``, each phoneme followed by the pad ``_``, ``$``), and the model turns the ids
into audio. Users download a voice once (README, "Local voices"); nothing is fetched here.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, EngineError, EngineUnavailableError
from ..models import Clip
from ..settings import Settings, parse_voice_models
from .base import TTSEngine, Voice

BOS, EOS, PAD = "^", "$", "_"


@dataclass(frozen=True)
class PiperConfig:
    """What a voice's ``.onnx.json`` says about it."""

    sample_rate: int
    espeak_voice: str
    phoneme_ids: dict[str, list[int]]
    speakers: dict[str, int]
    noise_scale: float
    length_scale: float
    noise_w: float

    @classmethod
    def read(cls, path: Path) -> PiperConfig:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            inference = data.get("inference", {})
            return cls(
                sample_rate=int(data["audio"]["sample_rate"]),
                espeak_voice=str(data["espeak"]["voice"]),
                phoneme_ids={k: list(v) for k, v in data["phoneme_id_map"].items()},
                speakers={str(k): int(v) for k, v in data.get("speaker_id_map", {}).items()},
                noise_scale=float(inference.get("noise_scale", 0.667)),
                length_scale=float(inference.get("length_scale", 1.0)),
                noise_w=float(inference.get("noise_w", 0.8)),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}: not a Piper voice config ({exc})") from exc


def phoneme_ids(clauses: list[str], id_map: dict[str, list[int]]) -> list[int]:
    """Piper's ids for phoneme strings: ``^``, each phoneme then ``_``, ``$`` (unknown
    phonemes are skipped, as Piper does); clauses are joined by a space."""
    ids = [*id_map[BOS], *id_map[PAD]]
    for phoneme in " ".join(clauses):
        if phoneme in id_map:
            ids += [*id_map[phoneme], *id_map[PAD]]
    return ids + id_map[EOS]


class _Voice:
    """One loaded model with its config; onnxruntime sessions are safe to share."""

    def __init__(self, model: Path) -> None:
        try:
            import onnxruntime  # type: ignore[import-untyped]
        except ImportError as exc:
            raise EngineUnavailableError(
                "onnxruntime is not installed: pip install 'vnmedia[piper]'", engine="piper"
            ) from exc
        self.config = PiperConfig.read(model.with_name(model.name + ".json"))
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        try:
            self.session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph errors
            raise ConfigError(f"{model}: not a loadable ONNX model ({exc})") from exc
        self.inputs = {i.name for i in self.session.get_inputs()}


class PiperEngine(TTSEngine):
    """Piper voices (``--voice-model vi=PATH.onnx``): neural, local, no network."""

    name = "piper"
    languages = frozenset({"vi", "en"})
    max_chars = 500
    needs_network = False
    speaks_at_speed = True  # through the model's length scale
    varies_pace = True

    _loaded: dict[Path, _Voice] = {}
    _lock = threading.Lock()

    def __init__(self, settings: Settings) -> None:
        self.models = {
            lang: Path(path) for lang, path in parse_voice_models(settings.voice_model).items()
        }
        self.speakers = {"vi": settings.voice_vi, "en": settings.voice_en}
        self.speeds = {lang: settings.speed_for(lang) for lang in ("vi", "en")}

    def _voice(self, lang: str) -> _Voice:
        model = self.models.get(lang)
        if model is None:
            raise EngineError(
                f"no voice model for {lang!r}: pass --voice-model {lang}=PATH.onnx",
                engine=self.name,
            )
        with self._lock:
            if model not in self._loaded:
                self._loaded[model] = _Voice(model)
            return self._loaded[model]

    @property
    def native_rate(self) -> int:
        voices = [self._voice(lang) for lang in sorted(self.models)]
        return voices[0].config.sample_rate if voices else 22050

    def voice_name(self, lang: str) -> str:
        model = self.models.get(lang)
        speaker = self.speakers.get(lang)
        name = model.name.removesuffix(".onnx") if model else "none"
        return f"{name}#{speaker}" if speaker else name

    def cache_identity(self) -> dict[str, object]:
        identity: dict[str, object] = {"speeds": self.speeds, "speakers": self.speakers}
        for lang, model in sorted(self.models.items()):
            stat = model.stat() if model.is_file() else None
            # The file's name, size and time: a new download of the voice makes new clips.
            identity[lang] = [
                model.name,
                stat.st_size if stat else 0,
                stat.st_mtime_ns if stat else 0,
            ]
        return identity

    def unavailable_reason(self) -> str | None:
        if not self.models:
            return "no voice model given (--voice-model vi=PATH.onnx)"
        for model in self.models.values():
            if not model.is_file() or not model.with_name(model.name + ".json").is_file():
                return f"{model} (and its .onnx.json) not found"
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            return "onnxruntime is not installed: pip install 'vnmedia[piper]'"
        return None

    def list_voices(self) -> tuple[Voice, ...]:
        voices = []
        for lang, model in sorted(self.models.items()):
            try:
                speakers = sorted(self._voice(lang).config.speakers) or [""]
            except (ConfigError, EngineError):
                continue
            base = model.name.removesuffix(".onnx")
            voices += [Voice(f"{base}#{s}" if s else base, lang) for s in speakers]
        return tuple(voices)

    def synthesize(self, text: str, lang: str) -> Clip:
        return self.synthesize_at(text, lang, 1.0)

    def synthesize_at(self, text: str, lang: str, pace: float) -> Clip:
        import numpy as np

        from .espeak import _Library

        voice = self._voice(lang)
        config = voice.config
        try:
            clauses = _Library.get().phonemes(text, config.espeak_voice)
        except LookupError as exc:
            raise EngineError(f"espeak-ng has no voice {exc}", engine=self.name) from exc
        ids = phoneme_ids(clauses, config.phoneme_ids)
        if len(ids) <= 3:
            raise EngineError("nothing to speak (no phonemes)", engine=self.name)
        length_scale = config.length_scale / (self.speeds[lang] * pace)
        feed: dict[str, Any] = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": np.array(
                [config.noise_scale, length_scale, config.noise_w],
                dtype=np.float32,
            ),
        }
        if "sid" in voice.inputs:
            feed["sid"] = np.array([self._speaker(lang, config)], dtype=np.int64)
        try:
            audio = np.asarray(voice.session.run(None, feed)[0], dtype=np.float32).reshape(-1)
        except Exception as exc:  # onnxruntime's RuntimeException and friends
            raise EngineError(f"the model failed: {exc}", engine=self.name) from exc
        # Piper scales each utterance to its own peak.
        peak = max(0.01, float(np.abs(audio).max(initial=0.0)))
        pcm = np.clip(audio * (32767 / peak), -32768, 32767).astype("<i2").tobytes()
        return Clip(pcm=pcm, sample_rate=config.sample_rate, engine=self.name)

    def _speaker(self, lang: str, config: PiperConfig) -> int:
        speaker = self.speakers.get(lang)
        if not speaker:
            return 0
        if speaker in config.speakers:
            return config.speakers[speaker]
        if speaker.isdigit():
            return int(speaker)
        raise EngineError(
            f"the {lang} voice model has no speaker {speaker!r} "
            f"(it has: {', '.join(sorted(config.speakers)) or 'one voice only'})",
            engine=self.name,
        )
