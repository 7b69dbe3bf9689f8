// The live monitor: every call going on right now, for the staff at the front desk.
#pragma once

#include <QWidget>

class Database;
class LiveCallsModel;
class QLabel;
class QPushButton;
class QStackedLayout;
class QTableView;
class QTimer;
struct FeedMessage;

class LiveMonitorPanel : public QWidget
{
    Q_OBJECT

public:
    // `db` is the window's own connection, to read the practice's region, in whose way numbers are shown.
    explicit LiveMonitorPanel(Database &db, QWidget *parent = nullptr);
    ~LiveMonitorPanel() override;

    LiveCallsModel *model() const { return m_model; }
    // Whether this seat may act on calls (the front desk may; a remote seat with the watch token not).
    void setCanAct(bool canAct);
    // Hangs up the selected call after asking (unless `ask` is false, for tests); false when nothing was asked.
    bool hangUpSelected(bool ask = true);

public Q_SLOTS:
    // The live feed's messages, from this computer's router or another Switchboard.
    void apply(const FeedMessage &message);
    // The practice's region changed: numbers are shown its way from now on.
    void setRegion(const QString &region);
    // How an action asked for here went: a failure is shown in its own words.
    void showActionResult(bool ok, const QString &error);

Q_SIGNALS:
    void hangUpRequested(const QString &callSid);

private:
    void updateEmptyState();
    void updateActions();

    LiveCallsModel *m_model;
    QTableView *m_table;
    QStackedLayout *m_stack = nullptr;
    QLabel *m_summary;
    QLabel *m_empty;
    QTimer *m_ticker;
    QPushButton *m_hangUp;
    QLabel *m_actionResult;
    bool m_canAct = true;
};
