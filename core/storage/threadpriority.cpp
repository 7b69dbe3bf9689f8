#include "threadpriority.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace ThreadPriority {

void makeCurrentThreadBackground()
{
#ifdef Q_OS_LINUX
    // Qt's thread priorities mean nothing under Linux's normal policy, where a thread's nice value
    // is its weight; nice 19 is the lowest. Failing is harmless: the thread keeps its priority.
    constexpr int Lowest = 19;
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), Lowest);
#else
    QThread::currentThread()->setPriority(QThread::LowestPriority);
#endif
}

} // namespace ThreadPriority
