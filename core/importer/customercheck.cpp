// The checks a customer passes before it is saved, whether typed into the Add dialog or imported.
#include "customercheck.h"

#include "phone/phonenormalizer.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

bool looksLikeEmail(const QString &email)
{
    // Something@something.something: strict enough to catch a phone number or a name in the wrong
    // column, loose enough for every address people really have.
    static const QRegularExpression s_email(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    return s_email.match(email).hasMatch();
}

} // namespace

CustomerCheck::CustomerCheck(const PhoneNormalizer &phone)
    : m_phone(phone)
{ }

void CustomerCheck::setStaff(const StaffList &staff)
{
    m_staff = staff;
}

QString CustomerCheck::nameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("A name is needed: it is what the front desk sees.");
    return {};
}

QString CustomerCheck::emailProblem(const QString &email)
{
    const QString trimmed = email.trimmed();
    if (trimmed.isEmpty() || looksLikeEmail(trimmed))
        return {};
    return tr("\"%1\" is not an email address.").arg(trimmed);
}

QString CustomerCheck::phoneProblem(const QString &written, QString *e164) const
{
    const QString trimmed = written.trimmed();
    if (e164)
        e164->clear();
    if (trimmed.isEmpty())
        return {};
    QString error;
    const std::optional<QString> number = m_phone.toE164(trimmed, &error);
    if (!number)
        return error;
    if (e164)
        *e164 = *number;
    return {};
}

std::optional<QString> CustomerCheck::staffId(const QString &written) const
{
    const QString trimmed = written.trimmed();
    if (trimmed.isEmpty() || !m_staff)
        return trimmed;
    for (const auto &[id, name] : *m_staff) {
        if (id.compare(trimmed, Qt::CaseInsensitive) == 0)
            return id;
    }
    for (const auto &[id, name] : *m_staff) {
        if (name.trimmed().compare(trimmed, Qt::CaseInsensitive) == 0)
            return id;
    }
    return std::nullopt;
}

QList<CustomerCheck::RowProblem> CustomerCheck::rowProblems(Customer *customer) const
{
    QList<RowProblem> problems;
    if (!nameProblem(customer->name).isEmpty())
        problems.append({ u"name"_s, tr("name is empty") });
    if (!phoneProblem(customer->phoneRaw, &customer->phoneE164).isEmpty())
        problems.append({ u"phone"_s, tr("phone \"%1\" is not a phone number").arg(customer->phoneRaw) });
    if (!emailProblem(customer->email).isEmpty())
        problems.append({ u"email"_s, tr("email \"%1\" is not an email address").arg(customer->email) });
    if (const std::optional<QString> id = staffId(customer->assignedStaff)) {
        customer->assignedStaff = *id;
    } else if (m_staff->isEmpty()) {
        problems.append({ u"assigned_staff"_s,
            tr("assigned_staff \"%1\" is not on the staff of the routing plan, which has nobody "
               "yet; add them under Staff & schedules first, or leave the cell empty")
                .arg(customer->assignedStaff) });
    } else {
        QStringList known;
        for (const auto &[id, name] : *m_staff)
            known.append(name.isEmpty() || name == id ? id : u"%1 (%2)"_s.arg(id, name));
        problems.append({ u"assigned_staff"_s,
            tr("assigned_staff \"%1\" is not on the staff of the routing plan: %2")
                .arg(customer->assignedStaff, known.join(u", "_s)) });
    }
    return problems;
}
