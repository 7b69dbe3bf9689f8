// Tests of SeatInfo: GET /api/seat's answer reads back as it was written, and a watching seat is never told
// (nor keeps) who works at the other Switchboard.
#include "feed/seatinfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_SeatInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void controlCarriesStaffAndTeams();
    void viewCarriesNoLists();
    void entriesWithoutIdAreLeftOut();
};

void tst_SeatInfo::controlCarriesStaffAndTeams()
{
    const SeatInfo seat { true, { { u"s1"_s, u"Jane Doe"_s }, { u"s2"_s, u"Ann Lee"_s } },
        { { u"front"_s, u"Front desk"_s } } };
    const QJsonObject json = seat.toJson();
    QCOMPARE(QJsonDocument(json).toJson(QJsonDocument::Compact),
        R"({"role":"control","staff":[{"id":"s1","name":"Jane Doe"},{"id":"s2","name":"Ann Lee"}],)"
        R"("teams":[{"id":"front","name":"Front desk"}]})"_ba);
    QCOMPARE(SeatInfo::fromJson(json), seat);
}

void tst_SeatInfo::viewCarriesNoLists()
{
    const SeatInfo seat { false, { { u"s1"_s, u"Jane Doe"_s } }, {} };
    QCOMPARE(QJsonDocument(seat.toJson()).toJson(QJsonDocument::Compact), R"({"role":"view"})"_ba);
    // Lists sent to a seat that is not "control" are not kept: it cannot act with them.
    const QJsonObject odd { { u"role"_s, u"admin"_s },
        { u"staff"_s, QJsonArray { QJsonObject { { u"id"_s, u"s1"_s }, { u"name"_s, u"Jane"_s } } } } };
    QCOMPARE(SeatInfo::fromJson(odd), SeatInfo {});
}

void tst_SeatInfo::entriesWithoutIdAreLeftOut()
{
    const QJsonObject json { { u"role"_s, u"control"_s },
        { u"staff"_s,
            QJsonArray { QJsonObject { { u"name"_s, u"Nobody"_s } }, QJsonObject { { u"id"_s, u"s3"_s } } } } };
    const SeatInfo seat = SeatInfo::fromJson(json);
    // A name left out is the id, so that the choice still reads as something.
    QCOMPARE(seat.staff, (QList<SeatChoice> { { u"s3"_s, u"s3"_s } }));
    QVERIFY(seat.teams.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SeatInfo)
#include "tst_seatinfo.moc"
