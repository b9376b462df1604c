//! Fuzz target logic lives here once the fuzzing issue lands.
