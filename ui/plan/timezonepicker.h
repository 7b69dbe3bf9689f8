// The plan's time zone, picked the way people think of it: by city or country. Every zone reads
// "New York — United States (UTC−05:00)", and typing any part of that ("york", "germany", "auck")
// lists the zones that match. What is chosen is kept as the zone's IANA id (America/New_York), as the
// plan document stores it.
#pragma once

#include <QComboBox>

class TimeZonePicker : public QComboBox
{
    Q_OBJECT

public:
    // The zone's IANA id on every entry.
    static constexpr int ZoneIdRole = Qt::UserRole + 1;

    explicit TimeZonePicker(QWidget *parent = nullptr);

    // The zone shown as chosen; empty when none is.
    QByteArray zoneId() const;
    // Shows `id` as chosen, without announcing it: the plan's zone as it is.
    void setZoneId(const QByteArray &id);

    // "New York — United States (UTC−05:00)": the city, its country when the zone has one, and the
    // offset from UTC outside daylight-saving time.
    static QString entryText(const QByteArray &id);

Q_SIGNALS:
    // Someone picked a zone from the list, or typed one that can be told apart.
    void zoneChosen(const QByteArray &id);

private:
    void addZone(const QByteArray &id, const QString &text);
    // What was typed, as a zone: an entry's text, an IANA id, or the one entry that matches.
    QByteArray zoneForText(const QString &text) const;
    void chooseTyped();
};
