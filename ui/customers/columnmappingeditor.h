// The column-matching step of the CSV import: for each field of the import, which of the file's columns
// holds it, guessed from the header and changed with a combo box; and how the file's dates are read.
#pragma once

#include "importer/columnmapping.h"
#include "importer/csvrecord.h"
#include "look/shownclock.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;

class ColumnMappingEditor : public QWidget
{
    Q_OBJECT

public:
    // Dates written without an offset are read, and shown, on `clock`.
    ColumnMappingEditor(ImportKind kind, const ShownClock &clock, QWidget *parent = nullptr);

    // Shows `mapping` for its file; `rows` are its first rows, whose dates tell how the file writes them.
    void setMapping(const ColumnMapping &mapping, const QList<CsvRecord> &rows);
    // The mapping as chosen.
    ColumnMapping mapping() const { return m_mapping; }

    // The combo box of a field: 0 for its column, 1 for the column joined to it or used when it is empty.
    QComboBox *columnBox(const QString &field, int which = 0) const;
    QComboBox *dateOrderBox() const { return m_dateOrder; }
    // How a date of the file is read, as shown: "12/05/2026 10:00 is read as …".
    QString dateReadingText() const;

    // What a field is called on screen: "Phone" for phone.
    static QString fieldLabel(const QString &field);

Q_SIGNALS:
    void mappingChanged();

private:
    void fillBoxes();
    void readBoxes();
    void showDateReading();
    QString dateSample() const;

    ImportKind m_kind;
    ShownClock m_clock;
    ColumnMapping m_mapping;
    QList<CsvRecord> m_rows;
    bool m_filling = false;
    QHash<QString, QList<QComboBox *>> m_boxes;
    QComboBox *m_dateOrder = nullptr;
    QLabel *m_dateReading = nullptr;
    QWidget *m_dateRow = nullptr;
};
