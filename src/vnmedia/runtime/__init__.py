"""What keeps a run safe and fast: executors, the cache, retries, rate limits, breakers and
atomic files."""
