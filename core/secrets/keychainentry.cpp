// One entry of the system keychain (Secret Service, KWallet, macOS Keychain, Windows Credential Store).
#include "keychainentry.h"

#include "secretslog.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace {

struct JobOutcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
};

// Runs `job` to completion or to the deadline, whichever comes first. The job deletes itself when it
// finishes; on a timeout it is abandoned (deleting a job with a call in flight is not safe).
JobOutcome run(QKeychain::Job *job, int timeoutMs)
{
    JobOutcome outcome;
    if (!QCoreApplication::instance()) {
        // Keychain jobs are driven by the event loop, which needs an application object.
        delete job;
        outcome.error = QKeychain::OtherError;
        outcome.errorString = QStringLiteral("no application object to run the keychain job");
        return outcome;
    }
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    // The loop is the context: once this function returns, a late finish reaches nothing of ours.
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop](QKeychain::Job *done) {
        outcome.finished = true;
        outcome.error = done->error();
        outcome.errorString = done->errorString();
        if (const auto *reader = qobject_cast<QKeychain::ReadPasswordJob *>(done))
            outcome.data = reader->textData().toLatin1();
        loop.quit();
    });
    job->setAutoDelete(true);
    job->start();
    deadline.start(timeoutMs);
    if (!outcome.finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return outcome;
}

} // namespace

KeychainEntry::KeychainEntry(QString service, QString account, int timeoutMs)
    : m_service(std::move(service))
    , m_account(std::move(account))
    , m_timeoutMs(timeoutMs)
{ }

Result<QByteArray> KeychainEntry::read() const
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(m_account);
    const JobOutcome outcome = run(job, m_timeoutMs);
    if (!outcome.finished && outcome.errorString.isEmpty()) {
        qCWarning(lcSecrets) << "Keychain read timed out for" << m_account;
        return Result<QByteArray>::failure(
            tr("the system keychain did not answer within %1 seconds").arg(m_timeoutMs / 1000.0));
    }
    if (outcome.error == QKeychain::EntryNotFound)
        return Result<QByteArray>::failure(
            tr("the system keychain has no entry \"%1\" for service \"%2\"").arg(m_account, m_service));
    if (outcome.error != QKeychain::NoError) {
        qCWarning(lcSecrets) << "Keychain read failed:" << outcome.error << outcome.errorString;
        return Result<QByteArray>::failure(tr("the system keychain reported: %1").arg(outcome.errorString));
    }
    return outcome.data;
}

bool KeychainEntry::write(const QByteArray &data, QString *error) const
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(m_account);
    // Stored as text so that a user can see and back it up in the desktop's keychain manager.
    job->setTextData(QString::fromLatin1(data));
    const JobOutcome outcome = run(job, m_timeoutMs);
    if (outcome.finished && outcome.error == QKeychain::NoError)
        return true;
    const QString reason = outcome.finished || !outcome.errorString.isEmpty()
        ? outcome.errorString
        : tr("no answer within %1 seconds").arg(m_timeoutMs / 1000.0);
    qCWarning(lcSecrets) << "Keychain write failed:" << reason;
    if (error)
        *error = tr("the system keychain could not store the entry \"%1\" (%2)").arg(m_account, reason);
    return false;
}
