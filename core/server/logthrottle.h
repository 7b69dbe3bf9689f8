// Lets a warning that anyone on the network can cause reach the log at most once a second, with a
// count of the ones held back, so that a flood of bad requests cannot fill the disk with lines.
#pragma once

#include <QElapsedTimer>

class LogThrottle
{
public:
    // True when a line may be written now; `*heldBack` is then how many were skipped since the last.
    bool allow(int *heldBack);

private:
    QElapsedTimer m_last;
    int m_heldBack = 0;
};
