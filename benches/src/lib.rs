//! Load generator and benchmarks: see the benchmarks issue.
