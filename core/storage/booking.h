// A booking as saved in the database, its status and what makes it count for routing.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

enum class BookingStatus { Confirmed, Pending, Canceled, Completed, NoShow };

// The status as written in CSV files and in the database: confirmed, pending, canceled, completed, no_show.
QString bookingStatusName(BookingStatus status);
// Reads a status name, ignoring case and surrounding spaces; "cancelled" is accepted for canceled.
std::optional<BookingStatus> bookingStatusFromName(QStringView name);
// Every status name, in the order of the enum, for messages listing what is allowed.
QStringList bookingStatusNames();

struct Booking
{
    qint64 id = 0;
    QString externalId; // the id the booking was imported with
    qint64 customerId = 0;
    QDateTime startsAt; // UTC
    QDateTime endsAt;   // UTC
    BookingStatus status = BookingStatus::Confirmed;
    QString service;
    QString staff;

    // Active means the caller goes to the voice agent: confirmed or pending and not ended yet.
    bool isActiveAt(const QDateTime &now) const;
};
