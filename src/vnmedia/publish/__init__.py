"""Publishing: the listener's part of the output folder, sent to a web host or a bucket."""

from .sync import PublishPlan, publish

__all__ = ["PublishPlan", "publish"]
