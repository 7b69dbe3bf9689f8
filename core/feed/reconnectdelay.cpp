// How long a seat waits before trying a router again after a cut.
#include "reconnectdelay.h"

#include <QRandomGenerator>

#include <algorithm>

ReconnectDelay::ReconnectDelay()
    : ReconnectDelay(Schedule {})
{ }

ReconnectDelay::ReconnectDelay(Schedule schedule)
    : m_schedule(schedule)
{ }

std::chrono::milliseconds ReconnectDelay::next()
{
    using std::chrono::milliseconds;
    const milliseconds first = std::max(m_schedule.first, milliseconds(1));
    const milliseconds longest = std::max(m_schedule.longest, first);
    // Doubling stops at the longest wait, so the count can grow without the wait overflowing.
    milliseconds wait = first;
    for (int i = 0; i < m_failures && wait < longest; ++i)
        wait *= 2;
    wait = std::min(wait, longest);
    m_failures = std::min(m_failures + 1, 1000);
    const double jitter = std::clamp(m_schedule.jitter, 0.0, 1.0);
    if (jitter > 0) {
        const double shorter = jitter * QRandomGenerator::global()->generateDouble();
        wait = milliseconds(std::max<qint64>(1, qint64(double(wait.count()) * (1.0 - shorter))));
    }
    return wait;
}

void ReconnectDelay::connectionHeld(std::chrono::milliseconds held)
{
    if (held >= m_schedule.lasting)
        reset();
}
