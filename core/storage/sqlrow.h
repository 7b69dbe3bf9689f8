// One row of a query's result, read by column number, whichever way the query ran (QtSql or a
// SqlStatement on the hot path), so that each record is read from a row in one place.
#pragma once

#include <QString>
#include <QtGlobal>

class QSqlQuery;

class SqlRow
{
public:
    virtual ~SqlRow() = default;

    virtual bool isNull(int column) const = 0;
    virtual qint64 integer(int column) const = 0; // 0 for NULL
    virtual QString text(int column) const = 0; // a null QString for NULL
};

// The current row of a QSqlQuery.
class QueryRow : public SqlRow
{
public:
    explicit QueryRow(const QSqlQuery &query)
        : m_query(query)
    { }

    bool isNull(int column) const override;
    qint64 integer(int column) const override;
    QString text(int column) const override;

private:
    const QSqlQuery &m_query;
};
