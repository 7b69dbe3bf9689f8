// The live monitor: every call going on right now, for the staff at the front desk.
#pragma once

#include "feed/feedmessage.h"

#include <QWidget>

class Database;
class LiveCallsModel;
class QLabel;
class QMenu;
class QPushButton;
class QStackedLayout;
class QTableView;
class QTimer;

// Someone a call can be transferred to: a staff member or a team of the routing plan.
struct TransferTarget
{
    FeedCommand::TargetKind kind = FeedCommand::TargetKind::Staff;
    QString id;
    QString name;
};

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
    // The staff members and teams the Transfer menu offers, besides a number typed in.
    void setTransferTargets(const QList<TransferTarget> &targets);
    // Hangs up the selected call after asking (unless `ask` is false, for tests); false when nothing was asked.
    bool hangUpSelected(bool ask = true);
    // Sends the selected call to voicemail after asking (unless `ask` is false); false when nothing was asked.
    bool sendSelectedToVoicemail(bool ask = true);
    // Transfers the selected call to a staff member or a team, or to a number as people write it;
    // false when no call is selected or the number is not one (said in the panel).
    bool transferSelected(FeedCommand::TargetKind kind, const QString &target);
    QMenu *transferMenu() const { return m_transferMenu; }

public Q_SLOTS:
    // The live feed's messages, from this computer's router or another Switchboard.
    void apply(const FeedMessage &message);
    // The practice's region changed: numbers are shown its way from now on.
    void setRegion(const QString &region);
    // How an action asked for here went: a failure is shown in its own words.
    void showActionResult(bool ok, const QString &error);

Q_SIGNALS:
    // What the user asked to do with a call: the action, the call and where to; the window fills in the
    // command's id and the seat's name and sends it.
    void actionRequested(const FeedCommand &command);

private:
    void updateEmptyState();
    void updateActions();
    void rebuildTransferMenu();
    void askForNumber();
    // The selected call, when it is one the seat may act on (live; moves also need an incoming call).
    int actionableRow(bool toMove) const;
    void request(FeedCommand::Action action, int row, FeedCommand::TargetKind kind = FeedCommand::TargetKind::None,
        const QString &target = {});

    LiveCallsModel *m_model;
    QTableView *m_table;
    QStackedLayout *m_stack = nullptr;
    QLabel *m_summary;
    QLabel *m_empty;
    QTimer *m_ticker;
    QPushButton *m_hangUp;
    QPushButton *m_voicemail;
    QPushButton *m_transfer;
    QMenu *m_transferMenu;
    QList<TransferTarget> m_targets;
    QLabel *m_actionResult;
    FeedCommand::Action m_lastAction = FeedCommand::Action::Hangup;
    bool m_canAct = true;
};
