// Group commit: the writes of one turn of the event loop share one transaction.
#include "groupcommit.h"

#include "database.h"
#include "storagelog.h"

#include <QCoroSignal>
#include <QTimer>

GroupCommit::GroupCommit(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

GroupCommit::~GroupCommit()
{
    if (m_open)
        commitNow();
}

bool GroupCommit::join()
{
    if (m_open)
        return true;
    QString error;
    if (!m_db.begin(&error)) {
        qCWarning(lcStorage).noquote() << "Cannot start a transaction:" << error;
        return false;
    }
    m_open = true;
    QTimer::singleShot(0, this, &GroupCommit::commitNow);
    return true;
}

void GroupCommit::commitNow()
{
    if (!m_open)
        return;
    m_open = false;
    QString error;
    const bool ok = m_db.commit(&error);
    if (!ok)
        qCWarning(lcStorage).noquote() << "A batch of call-log writes was lost:" << error;
    Q_EMIT committed(ok);
}

QCoro::Task<> GroupCommit::stored()
{
    if (!m_open)
        co_return;
    co_await qCoro(this, &GroupCommit::committed);
}
