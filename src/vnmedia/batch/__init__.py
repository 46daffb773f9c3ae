"""What keeps a batch safe and fast: executors, cache, retries, rate limits, breakers, files."""
