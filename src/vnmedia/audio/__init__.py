"""Audio stages: the episode plan, speaking clips, loudness, assembling and encoding."""
