// The priority of the storage's background threads (call-log commits, WAL checkpoints).
#pragma once

// Lowers the calling thread's scheduling priority, so that when the cores are short the webhooks'
// thread comes first: no answer waits for a commit or a checkpoint, and work that comes later
// batches more. Qt's thread priorities do nothing for Linux's usual scheduler; a thread's nice
// value does. Elsewhere, it leaves the thread as it is.
void runInBackground();
