// A statement prepared once on SQLite's own API, for the statements every webhook runs.
#include "sqlstatement.h"

#include "storagelog.h"

#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

SqlStatement::SqlStatement(sqlite3 *connection, const QByteArray &sql)
    : m_connection(connection)
{
    // Persistent: the statement lives as long as the connection, so SQLite keeps it out of its
    // short-lived memory pools.
    const int status = connection ? sqlite3_prepare_v3(connection, sql.constData(), int(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr)
                                  : SQLITE_MISUSE;
    if (status != SQLITE_OK) {
        fail(status);
        qCWarning(lcStorage).noquote() << "Cannot prepare" << sql << m_errorText;
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

SqlStatement::~SqlStatement()
{
    sqlite3_finalize(m_statement);
}

void SqlStatement::bindInteger(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index + 1, value);
}

void SqlStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index + 1);
}

void SqlStatement::bindText(int index, const QString &value)
{
    // utf16() of a null QString is an empty string, never a null pointer, so this binds '' then.
    sqlite3_bind_text16(m_statement, index + 1, value.utf16(), int(value.size() * sizeof(char16_t)), SQLITE_STATIC);
}

void SqlStatement::bindTextOrNull(int index, const QString &value)
{
    if (value.isEmpty())
        bindNull(index);
    else
        bindText(index, value);
}

void SqlStatement::bindOptional(int index, const std::optional<qint64> &value)
{
    if (value)
        bindInteger(index, *value);
    else
        bindNull(index);
}

bool SqlStatement::step()
{
    if (!m_statement || m_failed)
        return false;
    const int status = sqlite3_step(m_statement);
    if (status == SQLITE_ROW)
        return true;
    if (status != SQLITE_DONE)
        fail(status);
    return false;
}

bool SqlStatement::isReadOnly() const
{
    return m_statement && sqlite3_stmt_readonly(m_statement) != 0;
}

bool SqlStatement::run()
{
    step();
    return m_statement && !m_failed;
}

int SqlStatement::changes() const
{
    return sqlite3_changes(m_connection);
}

void SqlStatement::reset()
{
    if (!m_statement)
        return;
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_failed = false;
    m_errorCode = 0;
    m_errorText.clear();
}

bool SqlStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqlStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString SqlStatement::text(int column) const
{
    // UTF-8 as stored, converted once here rather than by SQLite into a UTF-16 copy first.
    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!bytes)
        return {};
    return QString::fromUtf8(bytes, sqlite3_column_bytes(m_statement, column));
}

void SqlStatement::fail(int code)
{
    m_failed = true;
    m_errorCode = code;
    // The connection's message is the statement's own ("UNIQUE constraint failed: ..."), where there is one.
    const char *message = m_connection && sqlite3_errcode(m_connection) == code ? sqlite3_errmsg(m_connection)
                                                                               : sqlite3_errstr(code);
    m_errorText = QString::fromUtf8(message);
}

bool QueryRow::isNull(int column) const
{
    return m_query.isNull(column);
}

qint64 QueryRow::integer(int column) const
{
    return m_query.value(column).toLongLong();
}

QString QueryRow::text(int column) const
{
    return m_query.value(column).toString();
}
