//! Deterministic simulation of the server under madsim: see the simulation issue.
