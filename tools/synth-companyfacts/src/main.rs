//! `synth-companyfacts`: command-line front of the generator (work in progress).

fn main() {}
