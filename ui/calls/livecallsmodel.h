// The calls going on right now, as the live feed reports them (this computer's router or another
// Switchboard's): who is calling, what is happening and for how long. A finished call stays a little
// while with its outcome, then goes.
#pragma once

#include "feed/feedmessage.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QTimer>

#include <memory>

class PhoneNormalizer;

class LiveCallsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Caller,
        Called,
        Step,
        InStep,
        Total,
        Outcome,
        ColumnCount
    };

    static constexpr int KeepFinishedSeconds = 60;

    explicit LiveCallsModel(QObject *parent = nullptr);
    ~LiveCallsModel() override;

    // The practice's region ("US" until told): numbers are shown the way it writes them, "(555) 765-4321"
    // for its own and "+44 20 7946 0018" for the others.
    void setRegion(const QString &region);
    QString region() const;

    // A name for a caller other than the customer name the feed gives, by CallSid (sample data).
    void setCallerName(const QString &callSid, const QString &name);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "m:ss".
    static QString elapsed(qint64 seconds);

    // The call of a row, and whether it is still going on.
    QString callSid(int row) const;
    bool isLive(int row) const;
    // A caller's call, not a call-back this Switchboard placed.
    bool isIncoming(int row) const;
    // Calls still going on (finished ones that are kept for a while do not count).
    int liveCount() const;
    // `now` lets tests move time; the panel's timer calls it once a second.
    void tick(const QDateTime &now = QDateTime::currentDateTimeUtc());

public Q_SLOTS:
    // A snapshot replaces every call (keeping each one's step clock when it goes on); a session message
    // adds or updates its call; events change nothing here.
    void apply(const FeedMessage &message);
    void updateCall(const FeedSession &session);
    // A call as the router stores it (tests and sample data), read as the feed would show it.
    void updateSession(const CallSessionRecord &session);

Q_SIGNALS:
    // A call this model had not seen yet (for the sound and the desktop notification). `caller` is
    // the number as shown, empty when withheld.
    void callStarted(const QString &caller);

private:
    struct LiveCall
    {
        FeedSession feed;
        QString callerName; // set by setCallerName(); otherwise the feed's customer name
        QString step; // a plain sentence: "In the menu", "Ringing Alice Ng", ...
        QDateTime stepSince;
    };

    int rowOf(const QString &callSid) const;
    QString describeStage(const FeedSession &session) const;
    QString callerNameOf(const LiveCall &call) const;

    std::unique_ptr<PhoneNormalizer> m_phone;
    QList<LiveCall> m_calls;
    QDateTime m_now;
};
