// Merges a customer entered twice into one, after the user has picked which to keep and said yes.
#include "mergecustomersdialog.h"

#include "look/growtofit.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"
#include "storage/bookingstore.h"
#include "storage/customerquery.h"
#include "storage/customerstore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int CustomerIdRole = Qt::UserRole + 1;
constexpr int ListedCandidates = 50;

} // namespace

MergeCustomersDialog::MergeCustomersDialog(
    Database &db, const Customer &customer, const QString &defaultRegion, QWidget *parent)
    : QDialog(parent)
    , m_customers(std::make_unique<CustomerStore>(db))
    , m_bookings(std::make_unique<BookingStore>(db))
    , m_phone(std::make_unique<PhoneNormalizer>(defaultRegion))
    , m_region(defaultRegion)
    , m_customer(customer)
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
    , m_candidates(new QListWidget(this))
    , m_keepThis(new QRadioButton(this))
    , m_keepOther(new QRadioButton(this))
    , m_preview(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_mergeButton(nullptr)
{
    // Problem lines appear under the fields: the dialog grows rather than covering them with its buttons.
    GrowToFit::keep(this);
    setWindowTitle(tr("Merge duplicate customers"));
    m_search->setObjectName(u"search"_s);
    m_candidates->setObjectName(u"candidates"_s);
    m_keepThis->setObjectName(u"keepThis"_s);
    m_keepOther->setObjectName(u"keepOther"_s);

    auto *intro = new QLabel(tr("Pick the customer who is the same person as %1. Their bookings and calls "
                                "come together on the one you keep, and the other is deleted.")
                                 .arg(describe(customer)),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    m_search->setPlaceholderText(tr("Search by name or phone number"));
    m_search->setClearButtonEnabled(true);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    m_candidates->setMinimumHeight(m_candidates->fontMetrics().height() * 8);
    m_keepThis->setChecked(true);
    m_keepThis->setEnabled(false);
    m_keepOther->setEnabled(false);
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Find:"), m_search);
    form->addRow(QString(), m_candidates);
    auto *keep = new QVBoxLayout;
    keep->addWidget(m_keepThis);
    keep->addWidget(m_keepOther);
    form->addRow(tr("Keep:"), keep);
    form->addRow(tr("Afterwards:"), m_preview);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_mergeButton = buttons->addButton(tr("&Merge…"), QDialogButtonBox::AcceptRole);
    m_mergeButton->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(640);

    connect(buttons, &QDialogButtonBox::accepted, this, &MergeCustomersDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &MergeCustomersDialog::reject);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(m_candidates, &QListWidget::currentRowChanged, this, &MergeCustomersDialog::pick);
    connect(m_keepThis, &QRadioButton::toggled, this, &MergeCustomersDialog::updateChoice);

    // A duplicate usually shares the number or the name: those are listed before anything is typed.
    QList<Customer> likely = m_customers->findByPhone(customer.phoneE164);
    CustomerQuery byName;
    byName.text = customer.name;
    byName.limit = ListedCandidates;
    byName.defaultRegion = m_region;
    if (!customer.name.trimmed().isEmpty()) {
        for (const CustomerRow &row : m_customers->search(byName))
            likely.append(row.customer);
    }
    listCandidates(likely);
    updateChoice();
}

MergeCustomersDialog::~MergeCustomersDialog() = default;

QString MergeCustomersDialog::describe(const Customer &customer) const
{
    const QString name = customer.name.isEmpty() ? tr("(no name)") : customer.name;
    QString contact
        = customer.phoneE164.isEmpty() ? customer.phoneRaw : m_phone->toDisplay(customer.phoneE164);
    if (contact.isEmpty())
        contact = customer.email;
    return contact.isEmpty() ? tr("%1 (no phone number)").arg(name) : tr("%1, %2").arg(name, contact);
}

QString MergeCustomersDialog::describeWithEmail(const Customer &customer) const
{
    const QString text = describe(customer);
    return customer.email.isEmpty() || text.contains(customer.email) ? text
                                                                     : text + u"  ·  "_s + customer.email;
}

void MergeCustomersDialog::search(const QString &text)
{
    m_searchTimer->stop();
    CustomerQuery query;
    query.text = text.trimmed();
    query.limit = ListedCandidates;
    query.defaultRegion = m_region;
    QList<Customer> found;
    for (const CustomerRow &row : m_customers->search(query))
        found.append(row.customer);
    listCandidates(found);
}

void MergeCustomersDialog::listCandidates(const QList<Customer> &customers)
{
    const QSignalBlocker blocker(m_candidates);
    m_candidates->clear();
    QList<qint64> listed;
    for (const Customer &candidate : customers) {
        if (candidate.id == m_customer.id || listed.contains(candidate.id))
            continue;
        listed.append(candidate.id);
        auto *item = new QListWidgetItem(describeWithEmail(candidate), m_candidates);
        item->setData(CustomerIdRole, candidate.id);
        if (m_other && m_other->id == candidate.id)
            m_candidates->setCurrentItem(item);
    }
}

void MergeCustomersDialog::pick()
{
    const QListWidgetItem *item = m_candidates->currentItem();
    m_other = item ? m_customers->findById(item->data(CustomerIdRole).toLongLong()) : std::nullopt;
    updateChoice();
}

qint64 MergeCustomersDialog::keptId() const
{
    return m_keepOther->isChecked() && m_other ? m_other->id : m_customer.id;
}

qint64 MergeCustomersDialog::duplicateId() const
{
    if (!m_other)
        return 0;
    return m_keepOther->isChecked() ? m_customer.id : m_other->id;
}

QString MergeCustomersDialog::previewText() const
{
    return m_preview->text();
}

void MergeCustomersDialog::updateChoice()
{
    const qint64 ownBookings = m_bookings->countForCustomer(m_customer.id);
    // Two entries of one person may read the same: which was opened, the email and the bookings tell them
    // apart.
    m_keepThis->setText(
        tr("This entry: %1 (%n booking(s))", "", int(ownBookings)).arg(describeWithEmail(m_customer)));
    m_keepThis->setEnabled(m_other.has_value());
    m_keepOther->setEnabled(m_other.has_value());
    m_mergeButton->setEnabled(m_other.has_value());
    m_problem->hide();
    if (!m_other) {
        m_keepOther->setText(tr("The other entry, picked above"));
        m_preview->setText(tr("Pick the duplicate in the list above."));
        return;
    }
    const qint64 otherBookings = m_bookings->countForCustomer(m_other->id);
    m_keepOther->setText(
        tr("The other entry: %1 (%n booking(s))", "", int(otherBookings)).arg(describeWithEmail(*m_other)));

    const bool keepOther = m_keepOther->isChecked();
    const Customer merged
        = mergedCustomer(keepOther ? *m_other : m_customer, keepOther ? m_customer : *m_other);
    QStringList facts { describe(merged) };
    if (!merged.email.isEmpty())
        facts.append(merged.email);
    facts.append(tr("%n booking(s)", "", int(ownBookings + otherBookings)));
    QString preview = facts.join(u"  ·  "_s);
    // Calls are matched by number: the one that goes no longer finds this customer.
    const Customer &dropped = keepOther ? m_customer : *m_other;
    if (!dropped.phoneE164.isEmpty() && dropped.phoneE164 != merged.phoneE164)
        preview += u'\n'
            + tr("Calls from %1 will no longer be matched to this customer.")
                  .arg(m_phone->toDisplay(dropped.phoneE164));
    m_preview->setText(preview);
}

void MergeCustomersDialog::accept()
{
    if (!m_other)
        return;
    const bool keepOther = m_keepOther->isChecked();
    const Customer &kept = keepOther ? *m_other : m_customer;
    const Customer &duplicate = keepOther ? m_customer : *m_other;
    const qint64 moving = m_bookings->countForCustomer(duplicate.id);

    // Two entries of one person often read the same: the question names the one kept, and counts what moves.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Merge customers"),
        tr("Keep %1 and merge the other into it?").arg(describe(kept)), QMessageBox::NoButton, this);
    box->setObjectName(u"mergeCustomersQuestion"_s);
    box->setInformativeText(tr("%n booking(s) move over from the other, which is then deleted. Calls stay "
                               "in the call log. This cannot be undone.",
        "", int(moving)));
    QPushButton *confirm = box->addButton(tr("Merge"), QMessageBox::AcceptRole);
    QPushButton *back = box->addButton(tr("Don't merge"), QMessageBox::RejectRole);
    box->setDefaultButton(back);
    box->setEscapeButton(back);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm] {
        if (box->clickedButton() == confirm)
            merge();
    });
    box->open();
}

void MergeCustomersDialog::merge()
{
    QString error;
    if (m_merger && !m_merger(keptId(), duplicateId(), &error)) {
        m_problem->setText(tr("The customers were not merged, and nothing was changed: %1").arg(error));
        m_problem->show();
        return;
    }
    QDialog::accept();
}
