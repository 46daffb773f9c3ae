"""Publishing: the output folder's listener files, copied to a web host or bucket."""

from .publish import PublishPlan, publish

__all__ = ["PublishPlan", "publish"]
