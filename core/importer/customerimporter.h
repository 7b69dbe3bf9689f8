// Imports customers from CSV: customer_id,name,phone,email,notes[,assigned_staff], updating them by id.
#pragma once

#include "csvtableimporter.h"
#include "phone/phonenormalizer.h"
#include "storage/customerstore.h"

#include <QHash>

// Every row needs a customer_id. The phone is normalised to E.164 with the default region (numbers written
// without a country code); it may be empty (the customer is then never matched to a caller), but a phone
// that is not a possible number is a bad row. The number as typed is kept. An id used twice in one file is
// a bad row. assigned_staff is the id of the staff member in the routing plan the customer is assigned to,
// stored as written (trimmed) without checking it against the plan, which can change after the import;
// empty for none. Re-importing a customer overwrites name and phone, and email, notes and assigned_staff
// when the file has those columns: an empty cell clears the value, a missing column keeps it.
class CustomerImporter : public CsvTableImporter
{
    Q_DECLARE_TR_FUNCTIONS(CustomerImporter)

public:
    explicit CustomerImporter(Database &db, const QString &defaultRegion = QStringLiteral("US"));

    QStringList columns() const override;

protected:
    QString startImport(const CsvHeader &header, const QString &sourceName) override;
    RowResult importRow(const CsvRecord &record, QStringList *reasons, ImportReport *report,
                        QString *failure) override;

private:
    CustomerStore m_customers;
    PhoneNormalizer m_phone;
    CustomerStore::Fields m_fields;
    int m_idColumn = -1;
    int m_nameColumn = -1;
    int m_phoneColumn = -1;
    int m_emailColumn = -1;
    int m_notesColumn = -1;
    int m_assignedStaffColumn = -1;
    QHash<QString, int> m_lineOfId; // customer_id → the line it was first seen on in this file
};
