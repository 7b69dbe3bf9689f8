// The live monitor: every call going on right now, for the staff at the front desk.
#pragma once

#include <QWidget>

class CallStore;
class Database;
class LiveCallsModel;
class QLabel;
class QTableView;
class QTimer;
struct CallSessionRecord;

class LiveMonitorPanel : public QWidget
{
    Q_OBJECT

public:
    // `db` is the window's own connection, used to name callers who are customers and to read the
    // practice's region, in whose way numbers are shown.
    explicit LiveMonitorPanel(Database &db, QWidget *parent = nullptr);
    ~LiveMonitorPanel() override;

    LiveCallsModel *model() const { return m_model; }

public Q_SLOTS:
    void updateSession(const CallSessionRecord &session);
    // The practice's region changed: numbers are shown its way from now on.
    void setRegion(const QString &region);

private:
    void updateEmptyState();

    std::unique_ptr<CallStore> m_calls;
    LiveCallsModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QLabel *m_empty;
    QTimer *m_ticker;
};
