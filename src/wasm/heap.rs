//! The module's allocator: dlmalloc (what Rust's std uses on wasm32),
//! growing wasm memory by at least a sixteenth of its size at a time.
//!
//! std's dlmalloc grows memory by what the allocation at hand needs,
//! rounded to 64 KiB pages, and each `memory.grow` is slow in V8 (the
//! buffer JavaScript sees is replaced). Reading the 64 MiB bench dump
//! grows memory to about 95 MiB in small allocations, 64 KiB pages a
//! step. In Node.js 22 (`setCluster`, best of the later runs about 500 ms):
//!
//! | growth | first read | a second dump while the first is kept | memory / text |
//! | --- | --- | --- | --- |
//! | std's (what is needed) | 1,042-1,411 ms | 976-1,220 ms | 1.47× / 1.91× |
//! | at least an eighth | 639-747 ms | 560-610 ms | 1.64× / 2.07× |
//! | at least a sixteenth | 645-713 ms | 561-601 ms | 1.47× / 1.99× |
//!
//! (Growing the heap by half the text before reading it did as well for
//! the first read only, and took 2.5 times the text once clusters were
//! replaced on one Simulator: the free memory was in pieces.)

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;

const PAGE: usize = 64 * 1024;

/// Wasm memory for dlmalloc, at least a sixteenth of what there is at a
/// time (what `dlmalloc::System`, private to the crate, does, with that
/// minimum).
struct Geometric;

// SAFETY: what `alloc` returns is fresh memory from `memory.grow`, zeroed,
// never handed out twice and never given back (wasm memory cannot shrink).
unsafe impl dlmalloc::Allocator for Geometric {
    fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
        // counted in pages: 4 GiB of memory in bytes does not fit a usize
        let needed = size.div_ceil(PAGE);
        let sixteenth = core::arch::wasm32::memory_size::<0>() / 16;
        // near the 4 GiB limit the sixteenth may not fit: what is needed then
        for pages in [needed.max(sixteenth), needed] {
            let prev = core::arch::wasm32::memory_grow::<0>(pages);
            if prev != usize::MAX {
                let base = prev * PAGE;
                let mut len = pages * PAGE;
                // a block ending the address space: no pointer may wrap to 0
                if base.wrapping_add(len) == 0 {
                    len -= 16;
                }
                return (base as *mut u8, len, 0);
            }
        }
        (core::ptr::null_mut(), 0, 0)
    }
    fn remap(&self, _: *mut u8, _: usize, _: usize, _: bool) -> *mut u8 {
        core::ptr::null_mut()
    }
    fn free_part(&self, _: *mut u8, _: usize, _: usize) -> bool {
        false
    }
    fn free(&self, _: *mut u8, _: usize) -> bool {
        false
    }
    fn can_release_part(&self, _: u32) -> bool {
        false
    }
    fn allocates_zeros(&self) -> bool {
        true
    }
    fn page_size(&self) -> usize {
        PAGE
    }
}

pub(crate) struct Heap(UnsafeCell<dlmalloc::Dlmalloc<Geometric>>);

// SAFETY: wasm32-unknown-unknown without the `atomics` feature runs one
// thread, so no two calls overlap (std's own allocator takes no lock there
// either).
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for Heap {}

#[global_allocator]
static HEAP: Heap = Heap(UnsafeCell::new(dlmalloc::Dlmalloc::new_with_allocator(
    Geometric,
)));

// SAFETY: forwarded to dlmalloc, which keeps GlobalAlloc's contracts;
// `Sync` above makes the exclusive access sound.
unsafe impl GlobalAlloc for Heap {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).malloc(layout.size(), layout.align())
    }
    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).calloc(layout.size(), layout.align())
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        (*self.0.get()).free(ptr, layout.size(), layout.align())
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        (*self.0.get()).realloc(ptr, layout.size(), layout.align(), new_size)
    }
}
