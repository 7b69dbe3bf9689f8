// Imports customers from CSV: customer_id,name,phone,email,notes[,assigned_staff], updating them by id.
#include "customerimporter.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// "3 and 7", "3, 7 and 12".
QString lineList(const QList<int> &lines)
{
    QStringList numbers;
    for (const int line : lines)
        numbers.append(QString::number(line));
    return QLocale().createSeparatedList(numbers);
}

} // namespace

CustomerImporter::CustomerImporter(Database &db, const QString &defaultRegion)
    : CsvTableImporter(db)
    , m_customers(db)
    , m_phone(defaultRegion)
    , m_check(m_phone)
{
}

QStringList CustomerImporter::columns() const
{
    return {u"customer_id"_s, u"name"_s, u"phone"_s, u"email"_s, u"notes"_s, u"assigned_staff"_s};
}

void CustomerImporter::setStaff(const CustomerCheck::StaffList &staff)
{
    m_check.setStaff(staff);
}

QString CustomerImporter::startImport(const CsvHeader &header, const QString &sourceName)
{
    QStringList required = { u"customer_id"_s, u"name"_s, u"phone"_s };
    if (columnMapping())
        required.removeFirst(); // known by name and phone instead
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
    m_rowsByPhone.clear();
    m_savedPhoneWarnings.clear();
    m_written.clear();
    return {};
}

CsvTableImporter::RowResult CustomerImporter::importRow(
    const CsvRecord &record, QList<ImportRowError> *problems, ImportReport *, QString *failure)
{
    Customer customer;
    customer.externalId = CsvHeader::value(record, m_idColumn);
    customer.name = CsvHeader::value(record, m_nameColumn);
    customer.phoneRaw = CsvHeader::value(record, m_phoneColumn);
    customer.email = CsvHeader::value(record, m_emailColumn);
    customer.notes = CsvHeader::value(record, m_notesColumn);
    customer.assignedStaff = CsvHeader::value(record, m_assignedStaffColumn);

    if (m_idColumn >= 0) {
        if (customer.externalId.isEmpty()) {
            problems->append({ record.line, tr("customer_id is empty"), u"customer_id"_s });
        } else if (const auto seen = m_lineOfId.constFind(customer.externalId); seen != m_lineOfId.cend()) {
            problems->append({ record.line,
                tr("customer_id \"%1\" is already used on line %2").arg(customer.externalId).arg(*seen),
                u"customer_id"_s });
        } else {
            m_lineOfId.insert(customer.externalId, record.line);
        }
    }

    for (const CustomerCheck::RowProblem &problem : m_check.rowProblems(&customer))
        problems->append({ record.line, problem.reason, problem.column });

    if (m_idColumn < 0 && problems->isEmpty()) {
        // Without ids, a second row with the same name and number would only overwrite the first.
        const QString key = customer.name.toCaseFolded() + u'\n' + customer.phoneE164;
        if (const auto seen = m_lineOfId.constFind(key); seen != m_lineOfId.cend())
            problems->append({ record.line, tr("the same name and phone as line %1").arg(*seen), u"name"_s });
        else
            m_lineOfId.insert(key, record.line);
    }

    if (!problems->isEmpty())
        return RowResult::Invalid;

    notePhone(customer, record.line);
    const Result<UpsertResult> saved
        = m_idColumn >= 0 ? m_customers.upsert(customer, m_fields) : saveWithoutId(customer);
    if (!saved) {
        *failure = saved.error();
        return RowResult::Failed;
    }
    m_written.insert(saved->id);
    return saved->inserted ? RowResult::Inserted : RowResult::Updated;
}

// Remembers the row under its number, and notes a customer saved before this import with the same one.
void CustomerImporter::notePhone(const Customer &customer, int line)
{
    if (customer.phoneE164.isEmpty())
        return;
    QList<PhoneRow> &rows = m_rowsByPhone[customer.phoneE164];
    rows.append({ line, customer.name });
    if (rows.size() > 1)
        return; // the first row with the number said it already
    QStringList others;
    for (const Customer &saved : m_customers.findByPhone(customer.phoneE164)) {
        const bool sameCustomer = m_idColumn >= 0
            ? saved.externalId == customer.externalId
            : saved.name.compare(customer.name, Qt::CaseInsensitive) == 0;
        if (!sameCustomer && !m_written.contains(saved.id))
            others.append(saved.name.isEmpty() ? tr("a customer without a name") : saved.name);
    }
    if (others.isEmpty())
        return;
    m_savedPhoneWarnings.append({ { line },
        tr("Line %1 has the phone number %2, the same as %3 (already saved): fine for a family's landline, a "
           "typo otherwise.")
            .arg(line)
            .arg(m_phone.toDisplay(customer.phoneE164), QLocale().createSeparatedList(others)) });
}

Result<UpsertResult> CustomerImporter::saveWithoutId(const Customer &customer)
{
    // The customer saved with this name and number, in any written form; else a new one.
    if (!customer.phoneE164.isEmpty()) {
        for (Customer saved : m_customers.findByPhone(customer.phoneE164)) {
            if (saved.name.compare(customer.name, Qt::CaseInsensitive) != 0)
                continue;
            saved.name = customer.name;
            saved.phoneRaw = customer.phoneRaw;
            if (m_fields.testFlag(CustomerStore::Field::Email))
                saved.email = customer.email;
            if (m_fields.testFlag(CustomerStore::Field::Notes))
                saved.notes = customer.notes;
            if (m_fields.testFlag(CustomerStore::Field::AssignedStaff))
                saved.assignedStaff = customer.assignedStaff;
            QString error;
            if (!m_customers.update(saved, &error))
                return Result<UpsertResult>::failure(error);
            return UpsertResult { saved.id, false };
        }
    }
    const Result<qint64> inserted = m_customers.insert(customer);
    if (!inserted)
        return Result<UpsertResult>::failure(inserted.error());
    return UpsertResult { inserted.value(), true };
}

void CustomerImporter::finishRows(ImportReport *report)
{
    QList<ImportWarning> warnings = m_savedPhoneWarnings;
    for (auto it = m_rowsByPhone.cbegin(); it != m_rowsByPhone.cend(); ++it) {
        if (it->size() < 2)
            continue;
        QList<int> lines;
        QStringList names;
        for (const PhoneRow &row : *it) {
            lines.append(row.line);
            if (!names.contains(row.name))
                names.append(row.name);
        }
        warnings.append({ lines,
            tr("Lines %1 have the same phone number, %2 (%3): fine for a family's landline, "
               "a typo otherwise.")
                .arg(lineList(lines), m_phone.toDisplay(it.key()), QLocale().createSeparatedList(names)) });
    }
    std::sort(warnings.begin(), warnings.end(),
        [](const ImportWarning &a, const ImportWarning &b) { return a.lines.first() < b.lines.first(); });
    report->warnings.append(warnings);
}
