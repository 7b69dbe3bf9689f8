// Runs the call router on a thread of its own.
#include "routerhost.h"

#include "feedhub.h"
#include "livecallcontrol.h"
#include "routerservice.h"
#include "routing/callrouter.h"

#include <QMetaObject>

RouterHost::RouterHost(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{
    m_thread.setObjectName(QStringLiteral("Router"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

RouterHost::~RouterHost()
{
    // The service's database connection and server belong to the router thread: delete them there.
    QMetaObject::invokeMethod(
        m_worker, [this] { delete m_service; m_service = nullptr; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void RouterHost::requestFeedSnapshot()
{
    QMetaObject::invokeMethod(m_worker, [this] {
        if (!m_service || !m_service->feedHub())
            return;
        const FeedMessage snapshot = m_service->feedHub()->snapshot();
        QMetaObject::invokeMethod(this, [this, snapshot] { Q_EMIT feedMessage(snapshot); });
    });
}

void RouterHost::sendCommand(const FeedCommand &command)
{
    QMetaObject::invokeMethod(m_worker, [this, command] {
        const auto finished = [this, id = command.id](bool ok, const QString &error) {
            QMetaObject::invokeMethod(this, [this, id, ok, error] { Q_EMIT commandFinished(id, ok, error); });
        };
        if (!m_service || !m_service->callControl()) {
            finished(false, tr("The router is not running."));
            return;
        }
        m_service->callControl()->handle(command, finished);
    });
}

void RouterHost::start(const QHostAddress &address, quint16 port, bool followSetting)
{
    QMetaObject::invokeMethod(m_worker, [this, address, port, followSetting] {
        delete m_service;
        m_service = new RouterService(m_dataDir);
        m_service->enableFeed();
        QString error;
        if (!m_service->start(address, port, &error)) {
            delete m_service;
            m_service = nullptr;
            QMetaObject::invokeMethod(this, [this, error] {
                m_port = 0;
                m_error = error;
                Q_EMIT failed(error);
            });
            return;
        }
        // Queued to this object's thread: the window hears of a call once it is stored.
        connect(m_service->router(), &CallRouter::sessionUpdated, this, &RouterHost::sessionUpdated);
        connect(m_service->router(), &CallRouter::eventRecorded, this, &RouterHost::eventRecorded);
        connect(m_service->feedHub(), &FeedHub::published, this,
            [this](const PublishedMessage &published) { Q_EMIT feedMessage(published.message); }, Qt::QueuedConnection);
        const QString feedProblem = m_service->feedProblem();
        QMetaObject::invokeMethod(this, [this, feedProblem] {
            m_feedProblem = feedProblem;
            Q_EMIT feedProblemChanged(feedProblem);
        });
        connect(m_service, &RouterService::feedProblemChanged, this, [this](const QString &problem) {
            m_feedProblem = problem;
            Q_EMIT feedProblemChanged(problem);
        });
        connect(m_service, &RouterService::callLogProblemChanged, this, [this](const QString &problem) {
            m_callLogProblem = problem;
            Q_EMIT callLogProblemChanged(problem);
        });
        connect(m_service, &RouterService::moved, this, [this](const QHostAddress &address, quint16 port) {
            m_address = address;
            m_port = port;
            m_moveProblem.clear();
            Q_EMIT started(port);
        });
        connect(m_service, &RouterService::moveFailed, this, [this](const QString &error) {
            m_moveProblem = error;
            Q_EMIT moveFailed(error);
        });
        if (followSetting)
            m_service->followListenSetting();
        const quint16 listening = m_service->port();
        const QHostAddress listeningOn = m_service->address();
        QMetaObject::invokeMethod(this, [this, listening, listeningOn] {
            m_port = listening;
            m_address = listeningOn;
            m_error.clear();
            Q_EMIT started(listening);
        });
    });
}
