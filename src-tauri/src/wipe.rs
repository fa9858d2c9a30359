//! Freed memory is wiped: the app's global allocator zeroes every block before handing it back.
//!
//! Client text crosses the Rust side many times (IPC payloads, serde's buffers, query results,
//! rendered exports), and most of those copies are freed long before the notebook locks, in
//! buffers nobody can zeroize by hand. Wiping on free makes "locked" true for the app's own heap
//! (RELIABILITY.md R28): once the notebook's values are dropped at lock, no copy is left behind
//! in freed memory. Growing a block moves it (allocate, copy, wipe the old one) instead of letting
//! the system allocator free the old block unwiped. SQLite's own allocations are wiped by
//! SQLCipher (`cipher_memory_security`, set by the engine); the web page's memory goes with its
//! process at lock (`restart_page`).

use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator, wiping what it frees.
#[derive(Debug)]
pub struct WipeOnFree;

#[allow(unsafe_code)]
// SAFETY (for every method): the contract of `GlobalAlloc` is passed straight to `System`, with
// the same layouts; a block is written only within `layout.size()` bytes of a pointer that the
// caller guarantees was allocated with that layout and not yet freed.
unsafe impl GlobalAlloc for WipeOnFree {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            wipe(ptr, layout.size());
            System.dealloc(ptr, layout);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                return std::ptr::null_mut();
            };
            let moved = System.alloc(new_layout);
            if !moved.is_null() {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            moved
        }
    }
}

/// Zeroes `len` bytes with volatile writes, so the compiler cannot drop them as dead stores.
#[allow(unsafe_code)]
unsafe fn wipe(ptr: *mut u8, len: usize) {
    for i in 0..len {
        // SAFETY: `ptr..ptr+len` is the caller's live block.
        unsafe { std::ptr::write_volatile(ptr.add(i), 0) };
    }
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
}

use crate::wiping_env::{TCACHE_OFF, WIPING_MARK};

/// Starts this program again, once, with the environment that makes glibc, GSlice and WebKit's
/// allocator overwrite what C code frees (GTK, WebKit's side of the IPC, SQLite), see
/// `wiping_env.rs`. The launcher (`casebook`) starts the app that way already, so this only acts
/// when `casebook-app` is started directly. Does nothing where it was already done, or when the
/// restart fails (the app then runs without it, and says so in its log).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn restart_with_wiping_malloc() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os(WIPING_MARK).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else { return };
    let err = crate::wiping_env::wiping_command(&exe).exec();
    eprintln!("casebook: could not restart with memory wiping on ({}); continuing without it", err.kind());
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn restart_with_wiping_malloc() {}

/// Whether this process runs with the C allocator's wiping on: started again by
/// [`restart_with_wiping_malloc`], with the settings it sets still in place.
pub fn c_allocator_wipes() -> bool {
    cfg!(all(target_os = "linux", target_env = "gnu"))
        && std::env::var_os(WIPING_MARK).is_some()
        && std::env::var("MALLOC_PERTURB_").is_ok_and(|v| v.parse::<u8>().is_ok_and(|b| b != 0))
        && tcache_off(std::env::var_os("GLIBC_TUNABLES"))
}

/// Takes glibc's and WebKit's wiping settings out of the environment the WebKit processes inherit,
/// once this process has read them: the web page's process is ended at every lock
/// ([`crate::restart_page`]), so its memory goes with it, and the network process never carries
/// the page's calls (the app's schemes go from the web process to this one; the memory test's
/// scan finds nothing in it, open or locked). Both then use their own allocators, which keeps
/// the page's memory and start at what a plain Tauri app costs (issue 13). `G_SLICE` stays: GLib
/// reads it here only at its first slice, after `main` has begun. Call before any thread starts.
pub fn spare_the_webkit_processes() {
    let tunables = without_tcache_off(&std::env::var("GLIBC_TUNABLES").unwrap_or_default());
    #[allow(unsafe_code)]
    // SAFETY: called from `main` before the app starts any thread.
    unsafe {
        std::env::remove_var("MALLOC_PERTURB_");
        std::env::remove_var("Malloc");
        if tunables.is_empty() {
            std::env::remove_var("GLIBC_TUNABLES");
        } else {
            std::env::set_var("GLIBC_TUNABLES", tunables);
        }
    }
}

/// Whether `value` of GLIBC_TUNABLES turns the per-thread cache off.
fn tcache_off(value: Option<std::ffi::OsString>) -> bool {
    value.is_some_and(|v| v.to_string_lossy().split(':').any(|t| t == TCACHE_OFF))
}

/// GLIBC_TUNABLES' other settings, as they were before the wiping start added its own.
fn without_tcache_off(tunables: &str) -> String {
    tunables.split(':').filter(|t| !t.is_empty() && *t != TCACHE_OFF).collect::<Vec<_>>().join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(unsafe_code)]
    fn a_freed_block_is_zeroed_before_it_is_returned() {
        let layout = Layout::from_size_align(64, 8).unwrap();
        // SAFETY: allocated with `layout`, read only while alive or right after our own wipe.
        unsafe {
            let p = WipeOnFree.alloc(layout);
            std::ptr::write_bytes(p, 0xAB, 64);
            wipe(p, 64);
            assert!((0..64).all(|i| *p.add(i) == 0));
            let grown = WipeOnFree.realloc(p, layout, 128);
            assert!(!grown.is_null());
            WipeOnFree.dealloc(grown, Layout::from_size_align(128, 8).unwrap());
        }
        let mut v: Vec<u8> = Vec::with_capacity(1);
        v.extend_from_slice(b"still whole after growing");
        assert_eq!(v, b"still whole after growing");
    }

    #[test]
    fn the_wiping_start_sets_every_allocator_setting_and_the_webkit_processes_get_back_the_rest() {
        let command = crate::wiping_env::wiping_command(std::path::Path::new("/usr/bin/casebook-app"));
        let env: std::collections::HashMap<_, _> = command
            .get_envs()
            .map(|(k, v)| (k.to_string_lossy().into_owned(), v.map(|v| v.to_string_lossy().into_owned())))
            .collect();
        assert_eq!(env["CASEBOOK_MALLOC_WIPES"].as_deref(), Some("1"));
        assert_eq!(env["MALLOC_PERTURB_"].as_deref(), Some("90"));
        assert_eq!(env["G_SLICE"].as_deref(), Some("always-malloc"));
        assert_eq!(env["Malloc"].as_deref(), Some("1"));
        assert!(tcache_off(env["GLIBC_TUNABLES"].clone().map(Into::into)));
        let tunables = |s: &str| Some(std::ffi::OsString::from(s));
        assert!(tcache_off(tunables("glibc.malloc.check=0:glibc.malloc.tcache_count=0")));
        assert!(!tcache_off(tunables("glibc.malloc.tcache_count=07")));
        assert!(!tcache_off(None));
        assert_eq!(
            without_tcache_off("glibc.malloc.check=0:glibc.malloc.tcache_count=0"),
            "glibc.malloc.check=0"
        );
        assert_eq!(without_tcache_off("glibc.malloc.tcache_count=0"), "");
        assert_eq!(
            without_tcache_off("a=1:glibc.malloc.tcache_count=07"),
            "a=1:glibc.malloc.tcache_count=07"
        );
    }
}
