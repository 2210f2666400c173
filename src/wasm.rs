//! What the wasm needs without `std`: a panic handler and an allocator.
//!
//! Without `std`, a panic is a bare `unreachable` trap: the core is written not to panic
//! (property tests hold it to that), and the formatting machinery, Unicode tables and messages of
//! `std`'s panic handler would be a fifth of the wasm.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr::null_mut;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}

/// A size-class allocator: every block is a power of two (8 bytes or more), a freed block goes on
/// its class's free list, and the next allocation of that class takes it back. Memory is bounded
/// by the peak use of each class (at most twice what was asked), and since every export frees
/// all it allocated before returning, the wasm memory stays flat from call to call. A fraction of
/// dlmalloc's size; the wasm is single-threaded, so no locking.
struct Allocator(UnsafeCell<Heap>);

struct Heap {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

// SAFETY: wasm32-unknown-unknown runs one thread; nothing else can reach the heap.
unsafe impl Sync for Allocator {}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap { free: [0; CLASSES], next: 0, end: 0 }));

const CLASSES: usize = 32;
const MIN_BLOCK: usize = 8; // room for the free list's link
const MAX_ALIGN: usize = 64;
const PAGE: usize = 65_536;

/// The class of a layout: log2 of its block size, or `None` if no block can hold it.
#[inline(always)]
fn class_of(layout: &Layout) -> Option<usize> {
    if layout.align() > MAX_ALIGN {
        return None;
    }
    let block = layout.size().max(layout.align()).max(MIN_BLOCK).checked_next_power_of_two()?;
    Some(block.trailing_zeros() as usize).filter(|&class| class < CLASSES)
}

impl Heap {
    /// A new block of `1 << class` bytes from the top of the heap, growing the memory if needed.
    /// Blocks are aligned to their size (up to `MAX_ALIGN`), so any layout of the class fits.
    fn carve(&mut self, class: usize) -> *mut u8 {
        if self.end == 0 {
            // Start above everything the module itself laid out (data, stack), as dlmalloc does.
            self.end = wasm32::memory_size(0) * PAGE;
            self.next = self.end;
        }
        let size = 1usize << class;
        let align = size.min(MAX_ALIGN);
        let Some(start) = self.next.checked_add(align - 1).map(|n| n & !(align - 1)) else { return null_mut() };
        let Some(end) = start.checked_add(size) else { return null_mut() };
        if end > self.end {
            let pages = (end - self.end).div_ceil(PAGE);
            if wasm32::memory_grow(0, pages) == usize::MAX {
                return null_mut();
            }
            self.end += pages * PAGE;
        }
        self.next = end;
        start as *mut u8
    }
}

// SAFETY: blocks never overlap (carved once from fresh memory, then only passed between the free
// list and one owner), each is at least as large and as aligned as the layout of its class, and a
// free block's first word holds the link only while it is on the list.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let heap = &mut *self.0.get();
        let Some(class) = class_of(&layout) else { return null_mut() };
        match heap.free[class] {
            0 => heap.carve(class),
            block => {
                heap.free[class] = *(block as *const usize);
                block as *mut u8
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let heap = &mut *self.0.get();
        if let Some(class) = class_of(&layout) {
            *(ptr as *mut usize) = heap.free[class];
            heap.free[class] = ptr as usize;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class_of(&layout) == class_of(&new_layout) {
            return ptr; // the block already has room
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
