// Background work (committing the call log, checkpointing the WAL) yields the processor to the
// threads that answer calls.
#pragma once

namespace ThreadPriority {

// Lowers the calling thread to the least priority the system gives without privileges. On Linux a
// thread of normal priority woken while such a thread runs gets the processor at once; without it,
// a woken commit of a few milliseconds could hold the router off that long (the scheduler keeps a
// recently run thread where it ran rather than moving it to the idle core). The work still runs
// whenever a core has nothing more urgent to do, which on a front-desk PC is nearly always.
void makeCurrentThreadBackground();

} // namespace ThreadPriority
