#include "export/calllogexport.h"

#include "importer/csvfield.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "storage/threadpriority.h"

#include <QDir>
#include <QIODevice>
#include <QSaveFile>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

QString CallLogExport::header()
{
    return u"call_sid,started_at,from,customer_name,to,outcome,duration_s,booking_id\r\n"_s;
}

QString CallLogExport::line(const CallListEntry &entry)
{
    const CallSessionRecord &s = entry.session;
    const QStringList fields = {
        s.callSid,
        s.startedAt.isValid() ? s.startedAt.toUTC().toString(Qt::ISODate) : QString(),
        s.from,
        entry.customerName,
        s.to,
        CallLogNames::name(s.outcome),
        s.durationSeconds ? QString::number(*s.durationSeconds) : QString(),
        entry.bookingExternalId,
    };
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &field : fields)
        quoted.append(CsvField::encoded(field));
    return quoted.join(u',') + u"\r\n"_s;
}

bool CallLogExport::write(Database &db, const CallListFilter &filter, QIODevice &out, QString *error,
    const std::function<bool(qint64)> &progress)
{
    const auto written = [&](const QString &text) {
        const QByteArray bytes = text.toUtf8();
        if (out.write(bytes) == bytes.size())
            return true;
        if (error)
            *error = tr("Cannot write the calls: %1").arg(out.errorString());
        return false;
    };
    if (!written(header()))
        return false;
    CallStore calls(db);
    std::optional<CallPageCursor> after;
    qint64 count = 0;
    for (;;) {
        const QList<CallListEntry> page = calls.page(filter, after, PageSize);
        QString text;
        for (const CallListEntry &entry : page)
            text += line(entry);
        if (!written(text))
            return false;
        count += page.size();
        if (progress && !progress(count)) {
            if (error)
                error->clear();
            return false;
        }
        if (page.size() < PageSize)
            return true;
        after = page.last().cursor();
    }
}

bool CallLogExport::writeFile(Database &db, const CallListFilter &filter, const QString &path, QString *error,
    const std::function<bool(qint64)> &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (!write(db, filter, file, error, progress)) {
        file.cancelWriting();
        if (error && !error->isEmpty())
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

CallLogExport::CallLogExport(QString databaseFile, CallListFilter filter, QString path, QObject *parent)
    : QObject(parent)
    , m_databaseFile(std::move(databaseFile))
    , m_filter(std::move(filter))
    , m_path(std::move(path))
{ }

CallLogExport::~CallLogExport()
{
    if (m_thread) {
        cancel();
        m_thread->disconnect(this);
        m_thread->wait();
        delete m_thread;
    }
}

void CallLogExport::start()
{
    if (m_thread)
        return;
    struct Outcome
    {
        qint64 written = 0;
        bool cancelled = false;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    m_thread = QThread::create([this, outcome] {
        ThreadPriority::makeCurrentThreadBackground();
        Database db(m_databaseFile);
        if (!db.open(&outcome->error))
            return;
        const bool ok = writeFile(db, m_filter, m_path, &outcome->error, [this, outcome](qint64 count) {
            outcome->written = count;
            // Queued to this object's thread; the export does not wait for it.
            Q_EMIT progressed(count);
            return !m_cancel.loadRelaxed();
        });
        outcome->cancelled = !ok && outcome->error.isEmpty();
    });
    m_thread->setObjectName(u"Export"_s);
    connect(m_thread, &QThread::finished, this, [this, outcome] {
        m_thread->deleteLater();
        m_thread = nullptr;
        Q_EMIT finished(outcome->written, outcome->cancelled, outcome->error);
    });
    m_thread->start();
}
