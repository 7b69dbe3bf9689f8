// The live monitor: every call going on right now, for the staff at the front desk.
#pragma once

#include <QWidget>

class Database;
class LiveCallsModel;
class QLabel;
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

public Q_SLOTS:
    // The live feed's messages, from this computer's router or another Switchboard.
    void apply(const FeedMessage &message);
    // The practice's region changed: numbers are shown its way from now on.
    void setRegion(const QString &region);

private:
    void updateEmptyState();

    LiveCallsModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QLabel *m_empty;
    QTimer *m_ticker;
};
