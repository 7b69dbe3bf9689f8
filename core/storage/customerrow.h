// One line of the customer list: the customer and when their next booking starts.
#pragma once

#include "customer.h"

#include <QDateTime>

struct CustomerRow
{
    Customer customer;
    // UTC start of the earliest active booking (confirmed or pending, not ended yet); invalid when none.
    QDateTime nextBooking;
};
