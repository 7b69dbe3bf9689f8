// The answer of a caller lookup: who is calling and the booking that sends them to the voice agent.
#pragma once

#include "booking.h"
#include "customer.h"

#include <optional>

struct CallerMatch
{
    Customer customer;
    std::optional<Booking> activeBooking; // the booking in progress or the soonest upcoming one
};
