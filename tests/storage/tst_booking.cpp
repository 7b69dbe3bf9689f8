// Tests of Booking: status names as CSV files and the database write them, and what counts as active.
#include "storage/booking.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_Booking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusNamesRoundTrip();
    void readsStatusNames_data();
    void readsStatusNames();
    void isActiveAt_data();
    void isActiveAt();
};

void tst_Booking::statusNamesRoundTrip()
{
    for (BookingStatus status : {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Canceled,
                                 BookingStatus::Completed, BookingStatus::NoShow}) {
        QCOMPARE(bookingStatusFromName(bookingStatusName(status)), status);
    }
    QCOMPARE(bookingStatusNames(),
             QStringList({u"confirmed"_s, u"pending"_s, u"canceled"_s, u"completed"_s, u"no_show"_s}));
}

void tst_Booking::readsStatusNames_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<bool>("known");
    QTest::addColumn<BookingStatus>("status");

    QTest::newRow("confirmed") << u"confirmed"_s << true << BookingStatus::Confirmed;
    QTest::newRow("pending") << u"pending"_s << true << BookingStatus::Pending;
    QTest::newRow("canceled") << u"canceled"_s << true << BookingStatus::Canceled;
    QTest::newRow("cancelled, British spelling") << u"cancelled"_s << true << BookingStatus::Canceled;
    QTest::newRow("completed") << u"completed"_s << true << BookingStatus::Completed;
    QTest::newRow("no_show") << u"no_show"_s << true << BookingStatus::NoShow;
    QTest::newRow("upper case and spaces") << u"  Confirmed "_s << true << BookingStatus::Confirmed;
    QTest::newRow("unknown word") << u"done"_s << false << BookingStatus::Confirmed;
    QTest::newRow("empty") << QString() << false << BookingStatus::Confirmed;
}

void tst_Booking::readsStatusNames()
{
    QFETCH(QString, written);
    QFETCH(bool, known);
    QFETCH(BookingStatus, status);
    const std::optional<BookingStatus> read = bookingStatusFromName(written);
    QCOMPARE(read.has_value(), known);
    if (known)
        QCOMPARE(*read, status);
}

void tst_Booking::isActiveAt_data()
{
    QTest::addColumn<BookingStatus>("status");
    QTest::addColumn<int>("startMinutes"); // relative to now
    QTest::addColumn<int>("endMinutes");
    QTest::addColumn<bool>("active");

    QTest::newRow("confirmed upcoming") << BookingStatus::Confirmed << 60 << 120 << true;
    QTest::newRow("pending upcoming") << BookingStatus::Pending << 60 << 120 << true;
    QTest::newRow("confirmed in progress") << BookingStatus::Confirmed << -30 << 30 << true;
    QTest::newRow("confirmed ended") << BookingStatus::Confirmed << -120 << -60 << false;
    QTest::newRow("confirmed ending right now") << BookingStatus::Confirmed << -60 << 0 << false;
    QTest::newRow("canceled upcoming") << BookingStatus::Canceled << 60 << 120 << false;
    QTest::newRow("completed in progress") << BookingStatus::Completed << -30 << 30 << false;
    QTest::newRow("no_show upcoming") << BookingStatus::NoShow << 60 << 120 << false;
}

void tst_Booking::isActiveAt()
{
    QFETCH(BookingStatus, status);
    QFETCH(int, startMinutes);
    QFETCH(int, endMinutes);
    QFETCH(bool, active);

    const QDateTime now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    Booking booking;
    booking.status = status;
    booking.startsAt = now.addSecs(startMinutes * 60);
    booking.endsAt = now.addSecs(endMinutes * 60);
    QCOMPARE(booking.isActiveAt(now), active);
}

QTEST_GUILESS_MAIN(tst_Booking)
#include "tst_booking.moc"
