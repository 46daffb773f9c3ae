"""The show as listeners get it: episode files, tags, transcripts, the feed, the player
page, and a local server for a quick listen.

Works from manifests and assembled audio; never calls an engine.
"""
