// The priority of the storage's background threads (call-log commits, WAL checkpoints).
#include "backgroundpriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

void runInBackground()
{
#ifdef Q_OS_LINUX
    // Well below the webhooks, above whatever runs at the lowest priority.
    constexpr int BackgroundNice = 10;
    setpriority(PRIO_PROCESS, id_t(gettid()), BackgroundNice);
#endif
}
