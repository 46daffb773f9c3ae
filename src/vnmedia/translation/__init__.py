"""Translation stages: the translation service (memory, cache, engine) and the memory."""
