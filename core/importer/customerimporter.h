// Imports customers from CSV: customer_id,name,phone,email,notes[,assigned_staff], updating them by id.
#pragma once

#include "csvtableimporter.h"
#include "customercheck.h"
#include "phone/phonenormalizer.h"
#include "storage/customerstore.h"

#include <QHash>
#include <QSet>

// Every row needs a customer_id, and passes the checks of the Add dialog (CustomerCheck): a name, a phone
// that is a possible number (normalised to E.164 with the default region; it may be empty, and the customer
// is then never matched to a caller), an email that looks like one. The number as typed is kept. An id used
// twice in one file is a bad row. assigned_staff is a staff member of the routing plan, by id or name, and
// is stored as the id; it is checked only when setStaff() gave the plan's staff. Re-importing a customer
// overwrites name and phone, and email, notes and assigned_staff when the file has those columns: an empty
// cell clears the value, a missing column keeps it.
//
// Through a column mapping without a customer_id (a patient list without its numbers), a row updates the
// customer saved with the same name and phone number, or adds one; a row repeating the name and phone of
// an earlier row is a bad row.
//
// Two customers with one phone number (within the file, or one in the file and one already saved) are
// reported as a warning: a family's landline is fine, a typo is not.
class CustomerImporter : public CsvTableImporter
{
    Q_DECLARE_TR_FUNCTIONS(CustomerImporter)

public:
    explicit CustomerImporter(Database &db, const QString &defaultRegion = QStringLiteral("US"));

    QStringList columns() const override;
    // The routing plan's staff (id and name), against which assigned_staff is checked.
    void setStaff(const CustomerCheck::StaffList &staff);

protected:
    QString startImport(const CsvHeader &header, const QString &sourceName) override;
    RowResult importRow(const CsvRecord &record, QList<ImportRowError> *problems, ImportReport *report,
        QString *failure) override;
    void finishRows(ImportReport *report) override;

private:
    // A row of this file that had a phone number: who, on which line.
    struct PhoneRow
    {
        int line;
        QString name;
    };

    void notePhone(const Customer &customer, int line);
    Result<UpsertResult> saveWithoutId(const Customer &customer);

    CustomerStore m_customers;
    PhoneNormalizer m_phone;
    CustomerCheck m_check;
    CustomerStore::Fields m_fields;
    int m_idColumn = -1;
    int m_nameColumn = -1;
    int m_phoneColumn = -1;
    int m_emailColumn = -1;
    int m_notesColumn = -1;
    int m_assignedStaffColumn = -1;
    QHash<QString, int>
        m_lineOfId; // customer_id (or, without ids, name and phone) → the line it was first on
    QHash<QString, QList<PhoneRow>> m_rowsByPhone; // E.164 → the good rows with that number
    QList<ImportWarning> m_savedPhoneWarnings; // rows whose number a customer saved before has
    QSet<qint64> m_written; // customers this import added or updated
};
