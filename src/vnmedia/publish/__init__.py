"""Publishing: episode files, tags, transcripts, the feed, the player page, serving.

Works from manifests and assembled audio; never calls an engine.
"""
