// The plan's time zone, picked by city or country.
#include "timezonepicker.h"

#include <QCompleter>
#include <QDateTime>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The regions of the IANA names people live in; the rest (US/Eastern, Etc/GMT+5, EST5EDT) are old
// aliases or offsets without a place, which would only crowd the list. A plan that names one still
// shows it.
bool isPlace(const QByteArray &id)
{
    static const QByteArrayList s_regions = { "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
        "Australia", "Europe", "Indian", "Pacific" };
    return id == "UTC" || s_regions.contains(id.left(id.indexOf('/')));
}

// "UTC−05:00", "UTC+05:30", "UTC", with a real minus sign.
QString offsetText(int seconds)
{
    if (seconds == 0)
        return u"UTC"_s;
    const int minutes = std::abs(seconds) / 60;
    return u"UTC%1%2:%3"_s.arg(seconds < 0 ? QChar(0x2212) : u'+')
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TimeZonePicker::TimeZonePicker(QWidget *parent)
    : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(20);
    setMinimumContentsLength(32);

    // This computer's own zone first, where it is found without typing.
    // (Etc/UTC, say, which the list of places leaves out.)
    const QByteArray own = QTimeZone::systemTimeZoneId();
    if (QTimeZone(own).isValid())
        addZone(own, tr("%1, this computer's time zone").arg(entryText(own)));
    // Then every place, from the far west to the far east, and by city within an offset.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    struct Place
    {
        int offset;
        QString text;
        QByteArray id;
    };
    QList<Place> places;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        if (isPlace(id))
            places.append({ QTimeZone(id).standardTimeOffset(now), entryText(id), id });
    }
    std::sort(places.begin(), places.end(), [](const Place &a, const Place &b) {
        return a.offset != b.offset ? a.offset < b.offset : a.text.localeAwareCompare(b.text) < 0;
    });
    for (const Place &place : std::as_const(places))
        addZone(place.id, place.text);

    // Any part of a city or a country finds it: "york", "germany", "auck".
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    completer()->setFilterMode(Qt::MatchContains);
    completer()->setCaseSensitivity(Qt::CaseInsensitive);
    completer()->setMaxVisibleItems(12);
    lineEdit()->setPlaceholderText(tr("Type a city or a country"));

    connect(this, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            Q_EMIT zoneChosen(itemData(index, ZoneIdRole).toByteArray());
    });
    connect(lineEdit(), &QLineEdit::editingFinished, this, &TimeZonePicker::chooseTyped);
}

void TimeZonePicker::addZone(const QByteArray &id, const QString &text)
{
    addItem(text);
    setItemData(count() - 1, id, ZoneIdRole);
    setItemData(count() - 1, QString::fromUtf8(id), Qt::ToolTipRole);
}

QByteArray TimeZonePicker::zoneId() const
{
    return currentIndex() >= 0 ? currentData(ZoneIdRole).toByteArray() : QByteArray();
}

void TimeZonePicker::setZoneId(const QByteArray &id)
{
    const QSignalBlocker blocker(this);
    int index = findData(id, ZoneIdRole);
    if (index < 0 && QTimeZone(id).isValid()) {
        addZone(id, entryText(id));
        index = count() - 1;
    }
    setCurrentIndex(index);
    if (index < 0)
        setEditText(QString::fromUtf8(id));
}

QString TimeZonePicker::entryText(const QByteArray &id)
{
    const QTimeZone zone(id);
    QString city = QString::fromUtf8(id).section(u'/', -1);
    city.replace(u'_', u' ');
    const QString offset = offsetText(zone.standardTimeOffset(QDateTime::currentDateTimeUtc()));
    if (zone.territory() == QLocale::AnyTerritory)
        return tr("%1 (%2)", "time zone: city (offset from UTC)").arg(city, offset);
    return tr("%1 — %2 (%3)", "time zone: city — country (offset from UTC)")
        .arg(city, QLocale::territoryToString(zone.territory()), offset);
}

QByteArray TimeZonePicker::zoneForText(const QString &text) const
{
    const QString typed = text.trimmed();
    if (typed.isEmpty())
        return {};
    if (const int index = findText(typed, Qt::MatchFixedString); index >= 0)
        return itemData(index, ZoneIdRole).toByteArray();
    if (typed.contains(u'/') && QTimeZone(typed.toUtf8()).isValid())
        return typed.toUtf8();
    QByteArray found;
    for (int index = 0; index < count(); ++index) {
        if (!itemText(index).contains(typed, Qt::CaseInsensitive))
            continue;
        const QByteArray id = itemData(index, ZoneIdRole).toByteArray();
        if (!found.isEmpty() && found != id)
            return {}; // more than one: the list is there to choose from
        found = id;
    }
    return found;
}

void TimeZonePicker::chooseTyped()
{
    const QByteArray id = zoneForText(lineEdit()->text());
    if (id.isEmpty()) {
        // Left with something that names no zone: the field shows the chosen one again.
        setEditText(itemText(currentIndex()));
        return;
    }
    if (id == zoneId()) {
        setEditText(itemText(currentIndex()));
        return;
    }
    int index = findData(id, ZoneIdRole);
    if (index < 0) {
        addZone(id, entryText(id));
        index = count() - 1;
    }
    setCurrentIndex(index);
}
