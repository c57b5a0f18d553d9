"""National-scale data generator and benchmarks: numbers, never timed tests (see bench/README.md)."""
