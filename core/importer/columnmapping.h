// Which columns of a file hold each field of the import contract, and how its dates are written: the layer
// in front of the importers that lets a practice import its own software's export as it is.
#pragma once

#include "csvrecord.h"
#include "importkind.h"
#include "writtendatetime.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

// A field takes its value from one or two of the file's columns: "First Name" and "Last Name" joined for
// the name, "Mobile" or else "Home Phone" for the phone, "Date" and "Time" joined for the start. A mapping
// belongs to one header: it names columns by their place in it, and is remembered by their names.
class ColumnMapping
{
    Q_DECLARE_TR_FUNCTIONS(ColumnMapping)

public:
    // How a field's columns make its value.
    enum class Combine
    {
        Joined, // every non-empty value, joined with a space
        FirstFilled // the first non-empty value: the mobile number, else the landline
    };

    struct Field
    {
        QString name; // the contract column: "phone"
        bool required; // the importer cannot do without it
        Combine combine;
        int maxColumns; // how many of the file's columns may make it (1 or 2)
    };

    ColumnMapping() = default;
    // A mapping of nothing yet, for a file whose first row is `header`.
    ColumnMapping(ImportKind kind, const QStringList &header);

    // The contract's fields of a kind, in the contract's order.
    static QList<Field> fields(ImportKind kind);
    static Field field(ImportKind kind, const QString &name);

    // The mapping read from the header names, in English, German and Spanish as practice software writes
    // them ("Patient ID", "Vorname" + "Nachname", "Móvil" or else "Teléfono", "E-Mail", "Correo"…). A header
    // that already names the contract's columns maps each to itself. Dates stay ISO only.
    static ColumnMapping guess(ImportKind kind, const QStringList &header);

    ImportKind kind() const { return m_kind; }
    const QStringList &header() const { return m_header; }
    // The file's columns (places in the header) that make `field`; empty when the file has none for it.
    QList<int> columns(const QString &field) const { return m_columns.value(field); }
    void setColumns(const QString &field, const QList<int> &columns);
    DateOrder dateOrder() const { return m_dateOrder; }
    void setDateOrder(DateOrder order) { m_dateOrder = order; }

    // The contract columns this mapping fills, in the contract's order: the first row the importer reads.
    QStringList mappedFields() const;
    // One value per mappedFields(), on the same line: the row the importer reads.
    CsvRecord apply(const CsvRecord &record) const;
    // The value of `field` in `record`.
    QString value(const CsvRecord &record, const QString &field) const;
    // The file's names of a field's columns, for showing: "First Name + Last Name".
    QString sourceText(const QString &field) const;
    // The places of the columns no field reads.
    QList<int> unusedColumns() const;
    // The required fields the mapping leaves out, or for bookings "customer_id or phone"; empty when it
    // can be imported.
    QStringList missingFields() const;
    // True when every mapped field is read from the one column of the same name: a file in the contract's
    // form.
    bool isContractForm() const;

    // The same header set in any order gives the same key: where a mapping is remembered.
    static QString headerKey(const QStringList &header);
    // The mapping by column names, to be remembered; fromJson() reads it back for a file with that
    // header, or nullopt when a named column is no longer in it.
    QByteArray toJson() const;
    static std::optional<ColumnMapping> fromJson(
        ImportKind kind, const QStringList &header, const QByteArray &json);

    bool operator==(const ColumnMapping &other) const = default;

private:
    ImportKind m_kind = ImportKind::Customers;
    QStringList m_header;
    QHash<QString, QList<int>> m_columns;
    DateOrder m_dateOrder = DateOrder::IsoOnly;
};
