// A statement prepared once on SQLite's own API, for the statements every webhook runs: no QVariant per
// value and no result record per row, which QtSql builds on each exec.
#pragma once

#include "sqlrow.h"

#include <QByteArray>
#include <QString>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

// Used as: bind..., then step() until it returns false, then reset() (the Use guard does it), so that
// no read stays open on the connection. Text bound here must live until the statement is reset.
class SqlStatement : public SqlRow
{
public:
    SqlStatement(sqlite3 *connection, const QByteArray &sql);
    ~SqlStatement() override;
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    // Resets the statement and its bindings when it goes out of scope, whatever path is taken.
    class Use
    {
    public:
        explicit Use(SqlStatement &statement)
            : m_statement(statement)
        { }
        ~Use() { m_statement.reset(); }
        Use(const Use &) = delete;
        Use &operator=(const Use &) = delete;

    private:
        SqlStatement &m_statement;
    };

    bool isPrepared() const { return m_statement != nullptr; }
    // The statement only reads (a SELECT, BEGIN or COMMIT, not a change of the data).
    bool isReadOnly() const;

    // Columns and parameters count from 0 here, as in QtSql (SQLite's parameters count from 1).
    void bindInteger(int index, qint64 value);
    void bindNull(int index);
    // A null QString binds as '' (for NOT NULL columns); see bindTextOrNull().
    void bindText(int index, const QString &value);
    // An empty QString binds as NULL (an optional id).
    void bindTextOrNull(int index, const QString &value);
    void bindOptional(int index, const std::optional<qint64> &value);

    // True while there is a row to read; false when done or failed (see failed()).
    bool step();
    // The statement ran to its end (for INSERT, UPDATE and the like).
    bool run();
    bool failed() const { return m_failed; }
    // SQLite's result code of the failure, and its own words for it.
    int errorCode() const { return m_errorCode; }
    QString errorText() const { return m_errorText; }
    // Rows the last INSERT, UPDATE or DELETE changed.
    int changes() const;
    void reset();

    bool isNull(int column) const override;
    qint64 integer(int column) const override;
    QString text(int column) const override;

private:
    void fail(int code);

    sqlite3 *m_connection;
    sqlite3_stmt *m_statement = nullptr;
    bool m_failed = false;
    int m_errorCode = 0;
    QString m_errorText;
};
