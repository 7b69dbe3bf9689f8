// The checks a customer passes before it is saved, whether typed into the Add dialog or imported: one set
// of rules, worded for a form and for a row of a file.
#pragma once

#include "storage/customer.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

class PhoneNormalizer;

// A name is needed (it is what the front desk sees). A phone, when given, must be a number libphonenumber
// reads in the default region. An email, when given, must look like one. An assigned staff member must be
// on the routing plan's staff, named by id or, as practice software exports it, by name.
class CustomerCheck
{
    Q_DECLARE_TR_FUNCTIONS(CustomerCheck)

public:
    // Staff of the routing plan: id and name.
    using StaffList = QList<std::pair<QString, QString>>;

    // A problem of a customer as an import reports it: the contract column and the reason, which names it.
    struct RowProblem
    {
        QString column;
        QString reason;
    };

    explicit CustomerCheck(const PhoneNormalizer &phone);

    // Assigned staff is checked against `staff` from now on; before, it is taken as written, for
    // importers whose caller does not know the routing plan.
    void setStaff(const StaffList &staff);

    // The form's words: what is wrong in one sentence, or empty when the value can be saved.
    static QString nameProblem(const QString &name);
    static QString emailProblem(const QString &email);
    // The number in E.164 in *e164 (empty for no number) when it can be saved.
    QString phoneProblem(const QString &written, QString *e164 = nullptr) const;

    // The id of the staff member `written` names (an id or a name, in any case); nullopt when the plan has
    // nobody by that id or name. Empty stays empty: assigned to nobody.
    std::optional<QString> staffId(const QString &written) const;

    // A row's words: every problem of `customer`, each naming its column, in the order of the columns.
    // Fills in customer->phoneE164 and turns assignedStaff into a staff id on the way.
    QList<RowProblem> rowProblems(Customer *customer) const;

private:
    const PhoneNormalizer &m_phone;
    std::optional<StaffList> m_staff;
};
