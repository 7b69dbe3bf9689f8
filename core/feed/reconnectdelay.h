// How long a seat waits before trying a router again after a cut: 1 s, 2, 4, … at most 30 s, each wait a
// little shorter at random so that seats cut off together (the router restarted) do not all knock at once.
#pragma once

#include <chrono>

class ReconnectDelay
{
public:
    struct Schedule
    {
        std::chrono::milliseconds first { 1000 };
        std::chrono::milliseconds longest { 30000 };
        // Each wait is up to this fraction shorter, at random; 0 for waits a test can predict.
        double jitter = 0.2;
        // A connection that held this long was a working one: the next wait starts from `first` again.
        // A router that accepts and drops at once still has its seats back off.
        std::chrono::milliseconds lasting { 20000 };
    };

    ReconnectDelay();
    explicit ReconnectDelay(Schedule schedule);

    // The wait before the next try; every call without a lasting connection in between doubles it.
    std::chrono::milliseconds next();
    // A connection held for `held`: when that was long enough, the waits start again from the first.
    void connectionHeld(std::chrono::milliseconds held);
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    const Schedule &schedule() const { return m_schedule; }

private:
    Schedule m_schedule;
    int m_failures = 0;
};
