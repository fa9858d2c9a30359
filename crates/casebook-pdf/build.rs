//! Stores the PDF fonts deflated: the three Carlito faces are 1.9 MB as TrueType and 0.8 MB
//! deflated, which keeps the release binary within issue 13's 25 MB. `fonts.rs` inflates them,
//! byte for byte, on the first export.

use flate2::Compression;
use flate2::write::DeflateEncoder;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The faces, as named in `assets/fonts/`.
const FACES: [&str; 3] = ["Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
    for face in FACES {
        let path = fonts.join(face);
        println!("cargo::rerun-if-changed={}", path.display());
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut packed = DeflateEncoder::new(Vec::new(), Compression::best());
        packed.write_all(&data).expect("deflating into memory");
        let packed = packed.finish().expect("deflating into memory");
        std::fs::write(out.join(format!("{face}.deflate")), packed).expect("writing into OUT_DIR");
    }
}
