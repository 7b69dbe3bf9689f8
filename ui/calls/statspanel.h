// The owner's call statistics for a chosen range and number: calls per day by outcome, the
// outcome shares, durations, the busiest hours of the week and the callers to call back.
#pragma once

#include "callbackdialog.h"
#include "look/shownclock.h"
#include "storage/callstats.h"

#include <QWidget>

class Database;
class QChart;
class QComboBox;
class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;

class StatsPanel : public QWidget
{
    Q_OBJECT

public:
    // `clock` is on the routing plan's time zone: days and hours of the week are the business's own.
    // Numbers are shown the way the practice's region (read from `db`) writes them.
    StatsPanel(Database &db, const ShownClock &clock, QWidget *parent = nullptr);
    // Figures from elsewhere (another Switchboard's API): the panel asks for them with figuresWanted() and
    // shows what showStats() brings. Numbers are shown the way `region` writes them.
    StatsPanel(const QString &region, const ShownClock &clock, QWidget *parent = nullptr);

    // Reads the figures again for the chosen range and number (asks for them, without a database).
    void refresh();
    const CallStats &stats() const { return m_stats; }
    // The calls the figures are of: the chosen range's days on the panel's clock, and the chosen number.
    CallStatsQuery query() const;
    // The figures of the last query asked for, from elsewhere.
    void showStats(const CallStats &stats);
    // They could not be had: `problem` says why in place of the figures, and the old ones stay.
    void showProblem(const QString &problem);
    // Numbers the number filter offers besides those it knows (a remote seat's called numbers).
    void addCalledNumbers(const QStringList &numbers);
    // The range in days the panel shows (7, 30, 90 or 365).
    void setRangeDays(int days);
    // A saved plan may move the business to another time zone; the figures follow.
    void setClock(const ShownClock &clock);
    // Whether the chart says there are no calls instead of drawing an empty one.
    bool showsNoCalls() const;
    // The practice's region changed: numbers are shown its way.
    void setRegion(const QString &region);

    // Whether "Call back…" is offered for the "To call back" list (the router runs, and this seat may act).
    // `whyNot` is the button's tooltip while it is not allowed.
    void setCallBackAllowed(bool allowed, const QString &whyNot = {});
    // The caller selected in the "To call back" list; none when no row is selected.
    std::optional<CallBackTarget> callBackTarget() const;
    QAction *callBackAction() const { return m_callBackAction; }
    // Selects a row of the "To call back" list (as a click would).
    void selectCallBackRow(int row);

Q_SIGNALS:
    // "Call back…" was chosen for a caller of the "To call back" list.
    void callBackRequested(const CallBackTarget &target);
    // A panel without a database wants the figures of `query`; showStats() or showProblem() answers.
    void figuresWanted(const CallStatsQuery &query);

public Q_SLOTS:
    // Calls began, changed or ended (the router's word once they are stored): the figures follow at
    // once while the panel is shown, else as soon as it is shown again.
    void callsChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    StatsPanel(Database *db, const QString &region, const ShownClock &clock, QWidget *parent);
    void addNewNumbers();
    void showFigures();
    void showChart();
    void showHeatmap();
    void showCallBacks();
    void updateCallBack();

    Database *m_db; // none when the figures come from elsewhere
    QString m_region;
    ShownClock m_clock;
    CallStats m_stats;
    QComboBox *m_range;
    QComboBox *m_number;
    QLabel *m_figures;
    QLabel *m_zoneNote; // whose days and hours these are, when not this computer's
    QChart *m_chart;
    QStackedWidget *m_chartOrEmpty;
    QLabel *m_noCalls;
    bool m_stale = false; // calls changed while the panel was hidden
    QTableWidget *m_heatmap;
    QTableWidget *m_callBack;
    QAction *m_callBackAction;
    QPushButton *m_callBackButton;
    bool m_callBackAllowed = false;
    QString m_callBackWhyNot;
};
