// Lets a warning that anyone on the network can cause reach the log at most once a second.
#include "logthrottle.h"

#include <utility>

bool LogThrottle::allow(int *heldBack)
{
    if (m_last.isValid() && m_last.elapsed() < 1000) {
        ++m_heldBack;
        return false;
    }
    m_last.start();
    *heldBack = std::exchange(m_heldBack, 0);
    return true;
}
