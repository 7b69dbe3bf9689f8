// Status names of bookings and the definition of an active booking.
#include "booking.h"

using namespace Qt::StringLiterals;

QString bookingStatusName(BookingStatus status)
{
    switch (status) {
    case BookingStatus::Confirmed:
        return u"confirmed"_s;
    case BookingStatus::Pending:
        return u"pending"_s;
    case BookingStatus::Canceled:
        return u"canceled"_s;
    case BookingStatus::Completed:
        return u"completed"_s;
    case BookingStatus::NoShow:
        return u"no_show"_s;
    }
    return u"confirmed"_s;
}

std::optional<BookingStatus> bookingStatusFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (BookingStatus status : {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Canceled,
                                 BookingStatus::Completed, BookingStatus::NoShow}) {
        if (trimmed.compare(bookingStatusName(status), Qt::CaseInsensitive) == 0)
            return status;
    }
    // British spelling, as many booking systems export it.
    if (trimmed.compare(u"cancelled", Qt::CaseInsensitive) == 0)
        return BookingStatus::Canceled;
    return std::nullopt;
}

QStringList bookingStatusNames()
{
    return {u"confirmed"_s, u"pending"_s, u"canceled"_s, u"completed"_s, u"no_show"_s};
}

bool Booking::isActiveAt(const QDateTime &now) const
{
    const bool live = status == BookingStatus::Confirmed || status == BookingStatus::Pending;
    return live && endsAt > now;
}
