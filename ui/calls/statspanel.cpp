// The owner's call statistics for a chosen range and number.
#include "statspanel.h"

#include "calllogwords.h"
#include "look/icons.h"
#include "look/outcomecolours.h"
#include "look/paneltitle.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"
#include "storage/callstatsstore.h"
#include "storage/callstore.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace {

QString percent(double rate)
{
    return QLocale().toString(rate * 100, 'f', 0) + u'%';
}

QString minutes(double seconds)
{
    const int whole = int(seconds + 0.5);
    return u"%1:%2"_s.arg(whole / 60).arg(whole % 60, 2, 10, QChar(u'0'));
}

} // namespace

StatsPanel::StatsPanel(Database &db, const ShownClock &clock, QWidget *parent)
    : StatsPanel(&db, Settings::defaultRegionIn(db), clock, parent)
{ }

StatsPanel::StatsPanel(const QString &region, const ShownClock &clock, QWidget *parent)
    : StatsPanel(nullptr, region, clock, parent)
{ }

StatsPanel::StatsPanel(Database *db, const QString &region, const ShownClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_region(region)
    , m_clock(clock)
    , m_range(new QComboBox(this))
    , m_number(new QComboBox(this))
    , m_figures(new QLabel(this))
    , m_zoneNote(new QLabel(this))
    , m_chart(new QChart)
    , m_chartOrEmpty(new QStackedWidget(this))
    , m_noCalls(new QLabel(this))
    , m_heatmap(new QTableWidget(7, 24, this))
    , m_callBack(new QTableWidget(0, 3, this))
    , m_callBackAction(new QAction(tr("Call back…"), this))
    , m_callBackButton(new QPushButton(tr("Call back…"), this))
{
    m_range->setObjectName(u"range"_s);
    m_number->setObjectName(u"number"_s);
    m_figures->setObjectName(u"figures"_s);
    m_zoneNote->setObjectName(u"zoneNote"_s);
    m_zoneNote->setForegroundRole(QPalette::PlaceholderText);
    m_zoneNote->setText(m_clock.zoneNote());
    m_heatmap->setObjectName(u"weekHours"_s);
    m_callBack->setObjectName(u"callBack"_s);
    QLabel *title = PanelTitle::create(tr("Call statistics"), this);

    m_range->addItem(tr("Last 7 days"), 7);
    m_range->addItem(tr("Last 30 days"), 30);
    m_range->addItem(tr("Last 90 days"), 90);
    m_range->addItem(tr("Last 12 months"), 365);
    m_range->setCurrentIndex(1);
    m_number->addItem(tr("All numbers"), QString());
    addNewNumbers();
    connect(m_range, &QComboBox::currentIndexChanged, this, &StatsPanel::refresh);
    connect(m_number, &QComboBox::currentIndexChanged, this, &StatsPanel::refresh);

    auto *filters = new QHBoxLayout;
    filters->addWidget(title);
    filters->addStretch(1);
    filters->addWidget(m_zoneNote);
    filters->addWidget(new QLabel(tr("Range:"), this));
    filters->addWidget(m_range);
    filters->addWidget(new QLabel(tr("Number:"), this));
    filters->addWidget(m_number);

    m_figures->setTextFormat(Qt::RichText);
    m_figures->setWordWrap(true);

    auto *chartView = new QChartView(m_chart, this);
    chartView->setRenderHint(QPainter::Antialiasing);
    chartView->setMinimumHeight(260);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setLabelColor(palette().color(QPalette::WindowText));
    m_chart->setBackgroundBrush(palette().base());
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    // A chart of nothing but empty axes tells nobody anything: a sentence does.
    m_noCalls->setObjectName(u"noCalls"_s);
    m_noCalls->setAlignment(Qt::AlignCenter);
    m_noCalls->setWordWrap(true);
    QFont noCallsFont = m_noCalls->font();
    noCallsFont.setPointSizeF(noCallsFont.pointSizeF() * 1.2);
    m_noCalls->setFont(noCallsFont);
    m_noCalls->setForegroundRole(QPalette::PlaceholderText);
    m_chartOrEmpty->addWidget(chartView);
    m_chartOrEmpty->addWidget(m_noCalls);

    QStringList days;
    for (const char *day : { QT_TR_NOOP("Mon"), QT_TR_NOOP("Tue"), QT_TR_NOOP("Wed"), QT_TR_NOOP("Thu"),
             QT_TR_NOOP("Fri"), QT_TR_NOOP("Sat"), QT_TR_NOOP("Sun") })
        days.append(tr(day));
    m_heatmap->setVerticalHeaderLabels(days);
    QStringList hours;
    for (int hour = 0; hour < 24; ++hour)
        hours.append(QString::number(hour));
    m_heatmap->setHorizontalHeaderLabels(hours);
    m_heatmap->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_heatmap->setSelectionMode(QAbstractItemView::NoSelection);
    m_heatmap->horizontalHeader()->setMinimumSectionSize(12);
    m_heatmap->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_heatmap->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_heatmap->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_heatmap->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_heatmap->setToolTip(tr("Calls per hour of the week, in the business's time zone."));

    m_callBack->setHorizontalHeaderLabels({ tr("Caller"), tr("Missed calls"), tr("Last missed") });
    m_callBack->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_callBack->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_callBack->verticalHeader()->hide();
    m_callBack->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_callBack->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_callBack->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_callBack->setSelectionMode(QAbstractItemView::SingleSelection);
    // The list is of people waiting for a call: calling one back is right there, by button or right click.
    m_callBackAction->setObjectName(u"callBackAction"_s);
    m_callBackAction->setIcon(Icons::named(u"call-start"_s));
    m_callBackButton->setObjectName(u"callBackButton"_s);
    m_callBackButton->setIcon(m_callBackAction->icon());
    m_callBack->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_callBack->addAction(m_callBackAction);
    connect(m_callBackAction, &QAction::triggered, this, [this] {
        if (const std::optional<CallBackTarget> target = callBackTarget(); target && m_callBackAllowed)
            Q_EMIT callBackRequested(*target);
    });
    connect(m_callBackButton, &QPushButton::clicked, m_callBackAction, &QAction::trigger);
    connect(m_callBack, &QTableWidget::itemSelectionChanged, this, &StatsPanel::updateCallBack);

    auto *heatTitle = new QLabel(tr("<b>Busiest hours of the week</b>"), this);
    auto *callBackTitle = new QLabel(tr("<b>To call back</b> (missed, and not reached since)"), this);
    auto *grid = new QGridLayout;
    grid->addWidget(heatTitle, 0, 0);
    auto *callBackHead = new QHBoxLayout;
    callBackHead->addWidget(callBackTitle, 1);
    callBackHead->addWidget(m_callBackButton);
    grid->addLayout(callBackHead, 0, 1);
    grid->addWidget(m_heatmap, 1, 0);
    grid->addWidget(m_callBack, 1, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_figures);
    layout->addWidget(m_chartOrEmpty, 3);
    layout->addLayout(grid, 2);
    refresh();
}

void StatsPanel::setRangeDays(int days)
{
    const int index = m_range->findData(days);
    if (index >= 0)
        m_range->setCurrentIndex(index);
}

void StatsPanel::callsChanged()
{
    // Counting a year of calls takes a moment: only while someone looks at them.
    if (isVisible())
        refresh();
    else
        m_stale = true;
}

void StatsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (std::exchange(m_stale, false))
        refresh();
}

bool StatsPanel::showsNoCalls() const
{
    return m_chartOrEmpty->currentWidget() == m_noCalls;
}

void StatsPanel::addNewNumbers()
{
    // A number called for the first time since the panel was made can be chosen too.
    if (m_db)
        addCalledNumbers(CallStore(*m_db).calledNumbers());
}

void StatsPanel::addCalledNumbers(const QStringList &numbers)
{
    const PhoneNormalizer phone(m_region);
    for (const QString &number : numbers) {
        if (!number.isEmpty() && m_number->findData(number) < 0)
            m_number->addItem(phone.toDisplay(number), number);
    }
}

void StatsPanel::setRegion(const QString &region)
{
    if (region == m_region)
        return;
    m_region = region;
    const PhoneNormalizer phone(m_region);
    for (int i = 0; i < m_number->count(); ++i) {
        if (const QString number = m_number->itemData(i).toString(); !number.isEmpty())
            m_number->setItemText(i, phone.toDisplay(number));
    }
    showChart();
    showCallBacks();
}

CallStatsQuery StatsPanel::query() const
{
    const int days = m_range->currentData().toInt();
    const QDate today = m_clock.today();
    CallStatsQuery query;
    query.zone = m_clock.zone();
    query.since = m_clock.startOfDay(today.addDays(1 - days));
    query.until = m_clock.startOfDay(today.addDays(1));
    query.number = m_number->currentData().toString();
    return query;
}

void StatsPanel::refresh()
{
    m_stale = false;
    addNewNumbers();
    if (!m_db) {
        Q_EMIT figuresWanted(query());
        return;
    }
    const Result<CallStats> computed = CallStatsStore(*m_db).compute(query());
    if (!computed) {
        showProblem(computed.error());
        return;
    }
    showStats(*computed);
}

void StatsPanel::showStats(const CallStats &stats)
{
    m_stats = stats;
    showFigures();
    showChart();
    showHeatmap();
    showCallBacks();
}

void StatsPanel::showProblem(const QString &problem)
{
    m_figures->setText(tr("The statistics cannot be read: %1").arg(problem.toHtmlEscaped()));
}

void StatsPanel::showFigures()
{
    const CallStats &s = m_stats;
    if (s.total == 0) {
        // Rates of nothing would read as 0% answered: the chart's place says why there are none.
        m_figures->setText(tr("<span style='font-size:large'><b>0</b> calls</span>"));
        return;
    }
    m_figures->setText(tr(
        "<span style='font-size:large'><b>%1</b> calls</span> &nbsp;·&nbsp; answered by staff <b>%2</b> "
        "&nbsp;·&nbsp; AI agent <b>%3</b> &nbsp;·&nbsp; voicemail <b>%4</b> &nbsp;·&nbsp; missed <b>%5</b> "
        "&nbsp;·&nbsp; average length <b>%6</b>, 9 in 10 calls under <b>%7</b>"
        "<br><span style='color:%9'>Rates are of finished calls, leaving out %8 blocked.</span>")
                           .arg(QLocale().toString(s.total), percent(s.answeredRate), percent(s.aiRate),
                               percent(s.voicemailRate), percent(s.missedRate),
                               minutes(s.averageDurationSeconds), minutes(s.p90DurationSeconds),
                               QLocale().toString(s.byOutcome.value(CallOutcome::Blocked)),
                               StatusColours::name(StatusColours::Status::Muted)));
}

void StatsPanel::showChart()
{
    m_chart->removeAllSeries();
    // Removed axes are ours to delete; the panel redraws with every call that ends.
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    if (m_stats.total == 0) {
        // Axes over nothing would also have QtCharts divide by an empty range (and log NaN).
        m_noCalls->setText(m_number->currentData().toString().isEmpty()
                ? tr("No calls in this period yet. Each call is counted here as soon as it comes in.")
                : tr("No calls to %1 in this period yet.").arg(m_number->currentText()));
        m_chartOrEmpty->setCurrentWidget(m_noCalls);
        return;
    }
    m_chartOrEmpty->setCurrentWidget(m_chartOrEmpty->widget(0));
    auto *series = new QStackedBarSeries;
    QStringList categories;
    const bool longRange = m_stats.perDay.size() > 31;
    for (const CallOutcome outcome : OutcomeColours::chartOrder()) {
        if (!m_stats.byOutcome.value(outcome))
            continue;
        auto *set = new QBarSet(CallLogWords::outcome(outcome));
        const QColor colour = OutcomeColours::colour(outcome, palette());
        set->setColor(colour);
        set->setBorderColor(colour);
        for (const CallStats::Day &day : m_stats.perDay)
            set->append(double(day.outcomes.value(outcome)));
        series->append(set);
    }
    // A month's days are labelled by their number; a longer range only on the first of each month.
    // Categories must differ, so an unlabelled day is a distinct run of zero-width spaces.
    for (const CallStats::Day &day : m_stats.perDay) {
        if (!longRange)
            categories.append(QString::number(day.date.day()));
        else if (day.date.day() == 1)
            categories.append(QLocale().toString(day.date, u"MMM"_s));
        else
            categories.append(QString(categories.size() + 1, QChar(0x200B)));
    }
    series->setBarWidth(0.8);
    m_chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setGridLineVisible(false);
    auto *y = new QValueAxis;
    y->setLabelFormat(u"%d"_s);
    y->setTitleText(tr("Calls per day"));
    // The chart draws its own background and words: the palette's, so that a dark desktop gets a dark chart.
    for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(x), static_cast<QAbstractAxis *>(y) }) {
        axis->setLabelsBrush(palette().windowText());
        axis->setTitleBrush(palette().windowText());
        axis->setLinePenColor(palette().color(QPalette::Mid));
        axis->setGridLineColor(palette().color(QPalette::Midlight));
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    y->applyNiceNumbers();
}

void StatsPanel::showHeatmap()
{
    qint64 busiest = 1;
    for (const auto &day : m_stats.weekHours)
        for (const qint64 calls : day)
            busiest = qMax(busiest, calls);
    for (int day = 0; day < 7; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            const qint64 calls = m_stats.weekHours.at(day).at(hour);
            auto *item = new QTableWidgetItem(calls ? QString::number(calls) : QString());
            item->setTextAlignment(Qt::AlignCenter);
            // From the list's own background to the practice's busiest hour in deep teal.
            const double share = double(calls) / double(busiest);
            item->setBackground(
                StatusColours::blend(palette().color(QPalette::Base), OutcomeColours::busiestHour(), share));
            item->setForeground(share > 0.55 ? QColor(Qt::white) : palette().color(QPalette::Text));
            item->setToolTip(tr("%1 %2–%3: %n call(s)", nullptr, int(calls))
                                 .arg(m_heatmap->verticalHeaderItem(day)->text(),
                                     m_clock.timeOfDay(QTime(hour, 0)), m_clock.timeOfDay(QTime(hour, 59))));
            m_heatmap->setItem(day, hour, item);
        }
    }
}

void StatsPanel::showCallBacks()
{
    m_callBack->setRowCount(int(m_stats.callBack.size()));
    int row = 0;
    const PhoneNormalizer phone(m_region);
    for (const CallStats::CallBack &caller : m_stats.callBack) {
        const QString number = phone.toDisplay(caller.from);
        const QString who = caller.customerName.isEmpty() ? number : tr("%1 · %2", "customer name · phone number").arg(caller.customerName, number);
        auto *whoItem = new QTableWidgetItem(who);
        // What a call-back needs: the number itself, and the name it is shown with.
        whoItem->setData(Qt::UserRole, caller.from);
        whoItem->setData(Qt::UserRole + 1, caller.customerName);
        m_callBack->setItem(row, 0, whoItem);
        m_callBack->setItem(row, 1, new QTableWidgetItem(QString::number(caller.missed)));
        m_callBack->setItem(row, 2,
            new QTableWidgetItem(m_clock.relative(caller.lastMissedAt)));
        ++row;
    }
    updateCallBack();
}

void StatsPanel::setCallBackAllowed(bool allowed, const QString &whyNot)
{
    m_callBackAllowed = allowed;
    m_callBackWhyNot = whyNot;
    updateCallBack();
}

std::optional<CallBackTarget> StatsPanel::callBackTarget() const
{
    const QList<QTableWidgetItem *> selected = m_callBack->selectedItems();
    if (selected.isEmpty())
        return std::nullopt;
    const QTableWidgetItem *who = m_callBack->item(selected.first()->row(), 0);
    const QString number = who ? who->data(Qt::UserRole).toString() : QString();
    if (!number.startsWith(u'+'))
        return std::nullopt;
    return CallBackTarget { {}, number, who->data(Qt::UserRole + 1).toString() };
}

void StatsPanel::selectCallBackRow(int row)
{
    m_callBack->selectRow(row);
}

void StatsPanel::updateCallBack()
{
    const bool possible = callBackTarget().has_value();
    m_callBackAction->setEnabled(m_callBackAllowed && possible);
    m_callBackButton->setEnabled(m_callBackAllowed && possible);
    m_callBackButton->setToolTip(!m_callBackAllowed ? m_callBackWhyNot
                                 : !possible         ? tr("Select a caller in the list to call them back.")
                                                     : tr("Ring a phone of the practice first, then this caller."));
}

void StatsPanel::setClock(const ShownClock &clock)
{
    m_clock = clock;
    m_zoneNote->setText(m_clock.zoneNote());
    // Counted again on the new clock: now while shown, else when shown again.
    callsChanged();
}
