//! A single-threaded scheduler for generator tasks (work in progress).
