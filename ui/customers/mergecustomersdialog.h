// Merges a customer entered twice: the user finds the duplicate, picks which of the two to keep, sees what
// the kept one will hold, and is asked once more before anything changes.
#pragma once

#include "storage/customer.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class BookingStore;
class CustomerStore;
class Database;
class PhoneNormalizer;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QTimer;

class MergeCustomersDialog : public QDialog
{
    Q_OBJECT

public:
    // Merges the duplicate into the kept customer; false and *error keep the dialog open with the error.
    using Merger = std::function<bool(qint64 keptId, qint64 duplicateId, QString *error)>;

    // `customer` is the one the dialog was opened for; the likely duplicates (same number, or the same
    // words in the name) are listed first.
    MergeCustomersDialog(
        Database &db, const Customer &customer, const QString &defaultRegion, QWidget *parent = nullptr);
    ~MergeCustomersDialog() override;

    void setMerger(Merger merger) { m_merger = std::move(merger); }
    // Lists the customers matching `text` (name words or any form of number) at once.
    void search(const QString &text);
    // The picked duplicate; nullopt until one is picked.
    std::optional<Customer> other() const { return m_other; }
    qint64 keptId() const;
    qint64 duplicateId() const;
    // What the kept customer will hold, as shown under the choice; empty until a duplicate is picked.
    QString previewText() const;

public Q_SLOTS:
    // Asks first, then merges.
    void accept() override;

private:
    void listCandidates(const QList<Customer> &customers);
    void pick();
    void updateChoice();
    // Name and number (or email), to tell two customers of the same name apart.
    QString describe(const Customer &customer) const;
    QString describeWithEmail(const Customer &customer) const;
    void merge();

    std::unique_ptr<CustomerStore> m_customers;
    std::unique_ptr<BookingStore> m_bookings;
    std::unique_ptr<PhoneNormalizer> m_phone;
    QString m_region;
    Customer m_customer;
    std::optional<Customer> m_other;
    Merger m_merger;
    QLineEdit *m_search;
    QTimer *m_searchTimer;
    QListWidget *m_candidates;
    QRadioButton *m_keepThis;
    QRadioButton *m_keepOther;
    QLabel *m_preview;
    QLabel *m_problem;
    QPushButton *m_mergeButton;
};
