// An append-only file of call-log changes in the data folder, replayed into the database.
#include "calllogjournal.h"

#include "files/owneronly.h"
#include "storagelog.h"

#include <QDataStream>
#include <QFile>
#include <QIODevice>
#include <QTimeZone>

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr char Magic[] = { 'S', 'B', 'J', '1' };
constexpr qsizetype MagicSize = sizeof Magic;
// Version 2 adds the call's direction; a record of version 1 is an incoming call's.
constexpr quint8 FormatVersion = 2;
constexpr qint64 NoTime = std::numeric_limits<qint64>::min();
// A record is one webhook's change: a few KiB. Anything claiming more is damage, not a record.
constexpr quint32 MaxPayload = 16 * 1024 * 1024;

quint32 checksum(const char *data, qsizetype size)
{
    return quint32(crc32(0L, reinterpret_cast<const Bytef *>(data), uInt(size)));
}

void putTime(QDataStream &out, const QDateTime &time)
{
    out << (time.isValid() ? time.toMSecsSinceEpoch() : NoTime);
}

QDateTime takeTime(QDataStream &in)
{
    qint64 ms = NoTime;
    in >> ms;
    return ms == NoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

template<typename T>
void putOptional(QDataStream &out, const std::optional<T> &value)
{
    out << value.has_value() << (value ? *value : T {});
}

template<typename T>
std::optional<T> takeOptional(QDataStream &in)
{
    bool present = false;
    T value {};
    in >> present >> value;
    return present ? std::optional<T>(value) : std::nullopt;
}

// The call log's words are written as their contract names, so the file does not change when an enum does.
QString takeText(QDataStream &in)
{
    QString text;
    in >> text;
    return text;
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

CallLogJournal::CallLogJournal(QString filePath)
    : m_filePath(std::move(filePath))
{
}

CallLogJournal::~CallLogJournal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QByteArray CallLogJournal::encode(quint64 sequence, const CallLogChange &change)
{
    QByteArray payload;
    payload.reserve(1024);
    {
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        const CallSessionRecord &s = change.session;
        out << FormatVersion << sequence << change.create << s.callSid << s.from << s.to;
        putTime(out, s.startedAt);
        putTime(out, s.endedAt);
        putOptional(out, s.durationSeconds);
        out << CallLogNames::name(s.outcome);
        putOptional(out, s.customerId);
        putOptional(out, s.bookingId);
        out << s.route << CallLogNames::name(s.stage) << s.agentCallId << s.fallbackDialed << s.lastStatus << s.answeredBy << s.state;
        out << CallLogNames::name(s.direction);
        out << quint32(change.events.size());
        for (const CallEventRecord &event : change.events) {
            out << event.callSid;
            putTime(out, event.at);
            out << CallLogNames::name(event.step) << CallLogNames::name(event.action)
                << CallLogNames::name(event.result) << event.detail;
        }
    }
    QByteArray record;
    record.reserve(8 + payload.size());
    QDataStream header(&record, QIODevice::WriteOnly);
    header << quint32(payload.size()) << checksum(payload.constData(), payload.size());
    record.append(payload);
    return record;
}

QList<JournalRecord> CallLogJournal::decode(const QByteArray &bytes, qint64 *validBytes)
{
    QList<JournalRecord> records;
    *validBytes = 0;
    if (bytes.size() < MagicSize || std::memcmp(bytes.constData(), Magic, MagicSize) != 0)
        return records;
    qint64 at = MagicSize;
    *validBytes = at;
    while (bytes.size() - at >= 8) {
        QDataStream header(bytes.mid(at, 8));
        quint32 length = 0;
        quint32 expected = 0;
        header >> length >> expected;
        if (length > MaxPayload || bytes.size() - at - 8 < qint64(length))
            break;
        const char *payload = bytes.constData() + at + 8;
        if (checksum(payload, length) != expected)
            break;
        QDataStream in(QByteArray::fromRawData(payload, length));
        in.setVersion(QDataStream::Qt_6_4);
        quint8 version = 0;
        JournalRecord record;
        CallSessionRecord &s = record.change.session;
        in >> version;
        if (version < 1 || version > FormatVersion)
            break;
        in >> record.sequence >> record.change.create >> s.callSid >> s.from >> s.to;
        s.startedAt = takeTime(in);
        s.endedAt = takeTime(in);
        s.durationSeconds = takeOptional<int>(in);
        s.outcome = CallLogNames::storedOutcome(takeText(in));
        s.customerId = takeOptional<qint64>(in);
        s.bookingId = takeOptional<qint64>(in);
        in >> s.route;
        s.stage = CallLogNames::storedStage(takeText(in));
        in >> s.agentCallId >> s.fallbackDialed >> s.lastStatus >> s.answeredBy >> s.state;
        if (version >= 2)
            s.direction = CallLogNames::storedDirection(takeText(in));
        quint32 events = 0;
        in >> events;
        for (quint32 i = 0; i < events && in.status() == QDataStream::Ok; ++i) {
            CallEventRecord event;
            in >> event.callSid;
            event.at = takeTime(in);
            event.step = CallLogNames::storedStep(takeText(in));
            event.action = CallLogNames::storedAction(takeText(in));
            event.result = CallLogNames::storedResult(takeText(in));
            in >> event.detail;
            record.change.events.append(event);
        }
        if (in.status() != QDataStream::Ok)
            break;
        records.append(std::move(record));
        at += 8 + length;
        *validBytes = at;
    }
    return records;
}

bool CallLogJournal::open(QList<JournalRecord> *records, QString *error)
{
    const QByteArray path = QFile::encodeName(m_filePath);
    m_fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        if (error)
            *error = tr("Cannot open the call-log journal %1: %2").arg(m_filePath, systemError(errno));
        return false;
    }
    // Created owner-only; one left open by someone else is tightened (it holds callers' numbers).
    if (QString notPrivate; !OwnerOnly::restrictFile(m_filePath, &notPrivate))
        qCWarning(lcStorage).noquote() << notPrivate;
    QFile file;
    QByteArray bytes;
    if (file.open(m_fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        bytes = file.readAll();
    file.close();

    qint64 valid = 0;
    *records = decode(bytes, &valid);
    if (bytes.size() >= MagicSize && valid == 0) {
        // Not a journal of ours: kept aside for a person to look at, never overwritten.
        const QString aside = m_filePath + u".unreadable"_s;
        qCCritical(lcStorage).noquote() << "The call-log journal" << m_filePath << "cannot be read; it is kept as" << aside;
        QFile::remove(aside);
        QFile::rename(m_filePath, aside);
        ::close(m_fd);
        m_fd = -1;
        return open(records, error);
    }
    if (valid < bytes.size()) {
        qCWarning(lcStorage) << "The call-log journal ends with" << (bytes.size() - valid)
                             << "bytes of a record cut short by a crash; they are dropped.";
    }
    if (valid == 0) {
        if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, Magic, MagicSize, 0) != MagicSize) {
            if (error)
                *error = tr("Cannot write the call-log journal %1: %2").arg(m_filePath, systemError(errno));
            return false;
        }
        valid = MagicSize;
    } else if (valid < bytes.size() && ::ftruncate(m_fd, valid) != 0) {
        if (error)
            *error = tr("Cannot write the call-log journal %1: %2").arg(m_filePath, systemError(errno));
        return false;
    }
    m_size = valid;
    ::lseek(m_fd, m_size, SEEK_SET);
    return true;
}

bool CallLogJournal::append(quint64 sequence, const CallLogChange &change, QString *error)
{
    if (m_fd < 0) {
        if (error)
            *error = tr("The call-log journal is not open.");
        return false;
    }
    const QByteArray record = encode(sequence, change);
    qsizetype written = 0;
    while (written < record.size()) {
        const ssize_t n = ::pwrite(m_fd, record.constData() + written, size_t(record.size() - written), m_size + written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int cause = n < 0 ? errno : ENOSPC;
            // A record written in part would hide every later one from the replay: cut it off.
            if (::ftruncate(m_fd, m_size) != 0)
                qCWarning(lcStorage) << "Cannot cut a partial record off the call-log journal:" << systemError(errno);
            if (error)
                *error = tr("Cannot write the call-log journal %1: %2").arg(m_filePath, systemError(cause));
            return false;
        }
        written += n;
    }
    m_size += record.size();
    return true;
}

bool CallLogJournal::clear(QString *error)
{
    if (m_fd < 0)
        return true;
    if (::ftruncate(m_fd, MagicSize) != 0) {
        if (error)
            *error = tr("Cannot empty the call-log journal %1: %2").arg(m_filePath, systemError(errno));
        return false;
    }
    m_size = MagicSize;
    return true;
}
