// The process's limit of open files: every connection to the webhook port takes one.
#include "openfilelimit.h"

#include "serverlog.h"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace {

int clampToInt(rlim_t value)
{
    return value == RLIM_INFINITY ? INT_MAX : int(std::min<rlim_t>(value, INT_MAX));
}

} // namespace

int OpenFileLimit::current()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    return clampToInt(limit.rlim_cur);
}

int OpenFileLimit::raiseToHard()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    // Linux refuses more than its nr_open (1,048,576 by default) even when the hard limit is "unlimited".
    const rlim_t target = std::min<rlim_t>(limit.rlim_max, 1 << 20);
    if (limit.rlim_cur < target) {
        const rlim_t before = limit.rlim_cur;
        limit.rlim_cur = target;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
            qCWarning(lcServer) << "Cannot raise the open-file limit from" << before << ":"
                                << strerror(errno);
            return clampToInt(before);
        }
    }
    return clampToInt(limit.rlim_cur);
}
