// Runs the call router (RouterService) on a thread of its own, so that the desktop app's window
// never delays a webhook and a burst of calls never freezes the window.
#pragma once

#include "feed/feedmessage.h"
#include "storage/callrecords.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

class RouterService;

class RouterHost : public QObject
{
    Q_OBJECT

public:
    explicit RouterHost(QString dataDir, QObject *parent = nullptr);
    // Stops taking requests and ends the thread.
    ~RouterHost() override;

    // Opens the data folder with the router thread's own connection and listens; answers with
    // started() or failed(). With `followSetting`, the router moves whenever server.listen changes
    // (started() again, or moveFailed()).
    void start(const QHostAddress &address, quint16 port, bool followSetting = false);
    // Asks for a snapshot of the calls going on, delivered through feedMessage() in order with the
    // other messages (the Live calls panel starts from it).
    void requestFeedSnapshot();
    // Asks the router to act on a live call, as a seat with the control token would; the result comes
    // back as commandFinished() with the command's id.
    void sendCommand(const FeedCommand &command);

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QHostAddress address() const { return m_address; }
    QString error() const { return m_error; }
    // Why the router is not where server.listen says (the address was taken, say); empty when it is.
    QString moveProblem() const { return m_moveProblem; }
    // Empty while every call's log is being saved; otherwise why it is not (a full disk, say).
    QString callLogProblem() const { return m_callLogProblem; }
    // Empty while the live feed listens for other seats; otherwise why it does not (its port is taken, say).
    QString feedProblem() const { return m_feedProblem; }

Q_SIGNALS:
    void started(quint16 port);
    void failed(const QString &error);
    void moveFailed(const QString &error);
    // Every change of a call once it is stored, delivered on this object's thread.
    void sessionUpdated(const CallSessionRecord &session);
    void eventRecorded(const CallEventRecord &event);
    void callLogProblemChanged(const QString &problem);
    // The live feed's messages, the same that other seats get, delivered on this object's thread.
    void feedMessage(const FeedMessage &message);
    void feedProblemChanged(const QString &problem);
    void commandFinished(const QString &id, bool ok, const QString &error);

private:
    QString m_dataDir;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread; owns the RouterService
    RouterService *m_service = nullptr; // touched only on m_thread
    quint16 m_port = 0;
    QHostAddress m_address;
    QString m_error;
    QString m_moveProblem;
    QString m_callLogProblem;
    QString m_feedProblem;
};
