//! The module's allocator: talc, growing wasm memory by at least a
//! sixteenth of its size at a time.
//!
//! Why talc (crates.io `talc`, in place of dlmalloc, what Rust's std uses
//! on wasm32): measured on the same build of everything else, back to
//! back in headless Chromium (`scripts/bench-browser.mjs --runs 7 --pkg`,
//! 5,000-node JSON dump, twice each): `setCluster` 88.8-91.9 ms best,
//! 90-95 ms median with talc, against 100.0-103.3 / 107-109 with
//! dlmalloc; the same wasm memory (127 MiB); and the first-grid module
//! 1,563 bytes smaller as `.lzma` (198,108 against 199,671).
//!
//! Why not talc's own `WasmGrowAndExtend`: it grows memory by what the
//! allocation at hand needs, 64 KiB pages at a time, and each
//! `memory.grow` is slow in V8 (the buffer JavaScript sees is replaced).
//! With dlmalloc, reading the 64 MiB bench dump grew memory to about
//! 95 MiB in small allocations; in Node.js 22 (`setCluster`, best of the
//! later runs about 500 ms then):
//!
//! | growth | first read | a second dump while the first is kept | memory / text |
//! | --- | --- | --- | --- |
//! | what is needed | 1,042-1,411 ms | 976-1,220 ms | 1.47× / 1.91× |
//! | at least an eighth | 639-747 ms | 560-610 ms | 1.64× / 2.07× |
//! | at least a sixteenth | 645-713 ms | 561-601 ms | 1.47× / 1.99× |
//!
//! (Growing the heap by half the text before reading it did as well for
//! the first read only, and took 2.5 times the text once clusters were
//! replaced on one Simulator: the free memory was in pieces.)

use core::ptr::NonNull;
use talc::base::binning::Binning;
use talc::base::Talc;
use talc::cell::TalcSyncCell;
use talc::wasm::WasmBinning;

const PAGE: usize = 64 * 1024;

/// Wasm memory for talc, at least a sixteenth of what there is at a time;
/// memory that follows the heap extends it (what talc's
/// `WasmGrowAndExtend` does, with that minimum).
#[derive(Debug)]
pub(crate) struct Geometric {
    /// The heap's end, once there is one.
    end: Option<NonNull<u8>>,
}

// SAFETY: what `acquire` gives talc is fresh memory from `memory.grow`,
// never handed out twice and never given back (wasm memory cannot
// shrink); it allocates nothing itself.
unsafe impl talc::source::Source for Geometric {
    fn acquire<B: Binning>(
        talc: &mut Talc<Self, B>,
        layout: core::alloc::Layout,
    ) -> Result<(), ()> {
        // pages for the chunk, with room for talc's heap header and the
        // alignment (counted in pages: 4 GiB in bytes does not fit a usize)
        let needed = (layout.size() + layout.align() + 256).div_ceil(PAGE);
        let sixteenth = core::arch::wasm32::memory_size::<0>() / 16;
        // near the 4 GiB limit the sixteenth may not fit: what is needed then
        for pages in [needed.max(sixteenth), needed] {
            let prev = core::arch::wasm32::memory_grow::<0>(pages);
            if prev == usize::MAX {
                continue;
            }
            let base = (prev * PAGE) as *mut u8;
            let mut len = pages * PAGE;
            // a block ending the address space: no pointer may wrap to 0
            if (base as usize).wrapping_add(len) == 0 {
                len -= 16;
            }
            let end = base.wrapping_add(len);
            if let Some(old_end) = talc.source.end.take() {
                if old_end.as_ptr() == base {
                    // SAFETY: the memory from the heap's end to `end` was
                    // just grown: the allocator's alone
                    talc.source.end = Some(unsafe { talc.extend(old_end, end) });
                    return Ok(());
                }
            }
            // SAFETY: fresh memory, the allocator's alone
            talc.source.end = unsafe { talc.claim(base, len) };
            return talc.source.end.map(|_| ()).ok_or(());
        }
        Err(())
    }
}

// `TalcSyncCell::new_wasm` requires single-threaded wasm (no `atomics`),
// which this module is; it takes no lock.
#[global_allocator]
static HEAP: TalcSyncCell<Geometric, WasmBinning> = TalcSyncCell::new_wasm(Geometric { end: None });
