// A call's timeline as a table.
#include "calltimelinetable.h"

#include "calllogmodel.h"
#include "calllogwords.h"
#include "phone/phonenormalizer.h"
#include "storage/calllognames.h"

#include <QCoreApplication>
#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace {

// The Call logs panel's own words, in the catalogues under its name since it first showed the timeline.
QString words(const char *text)
{
    return QCoreApplication::translate("CallLogPanel", text);
}

} // namespace

CallTimelineTable::CallTimelineTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(u"timeline"_s);
    setAccessibleName(words(QT_TRANSLATE_NOOP("CallLogPanel", "Timeline of the call")));
    setHorizontalHeaderLabels({ words(QT_TRANSLATE_NOOP("CallLogPanel", "Time")),
        words(QT_TRANSLATE_NOOP("CallLogPanel", "Step")), words(QT_TRANSLATE_NOOP("CallLogPanel", "Action")),
        words(QT_TRANSLATE_NOOP("CallLogPanel", "Result")),
        words(QT_TRANSLATE_NOOP("CallLogPanel", "Detail")) });
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(true);
    verticalHeader()->hide();
    // A long detail wraps onto more lines, and the rows follow the width the columns end up with.
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    for (int column = 0; column < DetailColumn; ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
}

void CallTimelineTable::showEvents(
    const QList<CallEventRecord> &events, const ShownClock &clock, const QString &region)
{
    const QColor failedColour = CallLogModel::problemColour(palette());
    const QColor ignoredColour = CallLogModel::quietColour(palette());
    setRowCount(0);
    setRowCount(int(events.size()));
    const PhoneNormalizer phone(region);
    for (int row = 0; row < events.size(); ++row) {
        const CallEventRecord &event = events.at(row);
        const QStringList texts = { clock.timeWithSeconds(event.at), CallLogWords::step(event.step),
            CallLogWords::action(event.action, event.step), CallLogWords::result(event.result),
            phone.displayNumbersIn(event.detail) };
        // The contract's own names, for whoever reads the timeline with support.
        const QStringList tips = { clock.longDateTime(event.at), CallLogNames::name(event.step),
            CallLogNames::name(event.action), CallLogNames::name(event.result), event.detail };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(texts.at(column));
            item->setToolTip(tips.at(column));
            if (event.result == EventResult::Failed)
                item->setForeground(failedColour);
            else if (event.result == EventResult::Ignored)
                item->setForeground(ignoredColour);
            setItem(row, column, item);
        }
    }
}
