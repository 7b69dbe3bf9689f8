// Imports customers from CSV: customer_id,name,phone,email,notes[,assigned_staff], updating them by id.
#include "customerimporter.h"

using namespace Qt::StringLiterals;

CustomerImporter::CustomerImporter(Database &db, const QString &defaultRegion)
    : CsvTableImporter(db)
    , m_customers(db)
    , m_phone(defaultRegion)
{
}

QStringList CustomerImporter::columns() const
{
    return {u"customer_id"_s, u"name"_s, u"phone"_s, u"email"_s, u"notes"_s, u"assigned_staff"_s};
}

QString CustomerImporter::startImport(const CsvHeader &header, const QString &sourceName)
{
    const QStringList required = {u"customer_id"_s, u"name"_s, u"phone"_s};
    const QStringList known = columns();
    const QString error = headerError(sourceName, header.missing(required), header.repeated(known),
                                      known.join(u','));
    if (!error.isEmpty())
        return error;

    m_idColumn = header.indexOf(u"customer_id"_s);
    m_nameColumn = header.indexOf(u"name"_s);
    m_phoneColumn = header.indexOf(u"phone"_s);
    m_emailColumn = header.indexOf(u"email"_s);
    m_notesColumn = header.indexOf(u"notes"_s);
    m_assignedStaffColumn = header.indexOf(u"assigned_staff"_s);
    m_fields = CustomerStore::Field::Name | CustomerStore::Field::Phone;
    if (m_emailColumn >= 0)
        m_fields |= CustomerStore::Field::Email;
    if (m_notesColumn >= 0)
        m_fields |= CustomerStore::Field::Notes;
    if (m_assignedStaffColumn >= 0)
        m_fields |= CustomerStore::Field::AssignedStaff;
    m_lineOfId.clear();
    return {};
}

CsvTableImporter::RowResult CustomerImporter::importRow(const CsvRecord &record, QStringList *reasons,
                                                        ImportReport *, QString *failure)
{
    Customer customer;
    customer.externalId = CsvHeader::value(record, m_idColumn);
    customer.name = CsvHeader::value(record, m_nameColumn);
    customer.phoneRaw = CsvHeader::value(record, m_phoneColumn);
    customer.email = CsvHeader::value(record, m_emailColumn);
    customer.notes = CsvHeader::value(record, m_notesColumn);
    customer.assignedStaff = CsvHeader::value(record, m_assignedStaffColumn);

    if (customer.externalId.isEmpty()) {
        reasons->append(tr("customer_id is empty"));
    } else if (const auto seen = m_lineOfId.constFind(customer.externalId); seen != m_lineOfId.cend()) {
        reasons->append(tr("customer_id \"%1\" is already used on line %2").arg(customer.externalId).arg(*seen));
    } else {
        m_lineOfId.insert(customer.externalId, record.line);
    }

    if (!customer.phoneRaw.isEmpty()) {
        if (const auto e164 = m_phone.toE164(customer.phoneRaw))
            customer.phoneE164 = *e164;
        else
            reasons->append(tr("phone \"%1\" is not a phone number").arg(customer.phoneRaw));
    }

    if (!reasons->isEmpty())
        return RowResult::Invalid;

    const Result<UpsertResult> saved = m_customers.upsert(customer, m_fields);
    if (!saved) {
        *failure = saved.error();
        return RowResult::Failed;
    }
    return saved->inserted ? RowResult::Inserted : RowResult::Updated;
}
