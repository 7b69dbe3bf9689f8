// Adds or edits one customer: name, phone, email, assigned staff and notes, each checked at its field.
#pragma once

#include "storage/customer.h"

#include <QDialog>

#include <functional>
#include <utility>

class PhoneNormalizer;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

class CustomerDialog : public QDialog
{
    Q_OBJECT

public:
    // Saves the customer (its phoneE164 filled in); false and *error keep the dialog open with the error.
    using Saver = std::function<bool(const Customer &customer, QString *error)>;
    // Staff of the routing plan: id and name.
    using StaffList = QList<std::pair<QString, QString>>;

    CustomerDialog(const QString &defaultRegion, const StaffList &staff, QWidget *parent = nullptr);
    ~CustomerDialog() override;

    // Fills the fields from a saved customer, for editing it; without it the dialog adds a new one.
    void setCustomer(const Customer &customer);
    // The customer as entered, with the number in E.164 when it is valid.
    Customer customer() const;
    void setSaver(Saver saver) { m_saver = std::move(saver); }

    // Checks every field and marks those at fault; true when the customer can be saved.
    bool validate();
    // Why the phone (or the name, or the email) cannot be saved, as shown under the field; empty when
    // it can, or when it has not been checked yet.
    QString phoneProblem() const;
    QString nameProblem() const;
    QString emailProblem() const;

public Q_SLOTS:
    // Saves when every field is right; otherwise marks them and stays open.
    void accept() override;

private:
    bool checkName(bool mark);
    bool checkPhone(bool mark);
    bool checkEmail(bool mark);
    static void mark(QLineEdit *field, QLabel *problem, const QString &text);

    std::unique_ptr<PhoneNormalizer> m_phone;
    Customer m_customer;
    Saver m_saver;
    QLineEdit *m_nameEdit;
    QLabel *m_nameProblem;
    QLineEdit *m_phoneEdit;
    QLabel *m_phoneProblem;
    QLabel *m_phoneNote;
    QLineEdit *m_emailEdit;
    QLabel *m_emailProblem;
    QComboBox *m_staff;
    QPlainTextEdit *m_notes;
    QLabel *m_saveProblem;
};
